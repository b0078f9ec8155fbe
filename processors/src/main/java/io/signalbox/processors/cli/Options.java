package io.signalbox.processors.cli;

import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.processors.recipe.OutputSettings;
import io.signalbox.processors.recipe.Recipe;
import picocli.CommandLine;

/** Options that process and bench share, checked the same way; a picocli mixin of both commands. */
final class Options {

    @CommandLine.Option(names = "--threads", paramLabel = "N", description = "threads to keep busy, 1 to "
            + SignalEngine.Builder.MAX_THREADS + "; default: the available processors")
    private Integer threads;

    @CommandLine.Option(names = "--progress", negatable = true, description = "show a progress bar on standard "
            + "error; by default only when standard output and standard error are a terminal")
    private Boolean progress;

    /** @return whether to draw a progress bar */
    boolean progress() {
        return progress != null ? progress : Terminal.interactive();
    }

    /** @return the --threads value, or {@code null} for the default */
    Integer threads() {
        return threads;
    }

    /**
     * @return an engine with the default limits and the threads asked for
     */
    SignalEngine engine(CommandLine.Model.CommandSpec spec) {
        SignalEngine.Builder builder = SignalEngine.builder();
        if (threads != null) {
            if (threads < 1 || threads > SignalEngine.Builder.MAX_THREADS) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 1 to "
                        + SignalEngine.Builder.MAX_THREADS + ", not " + threads);
            }
            builder.threads(threads);
        }
        return builder.build();
    }

    /**
     * @param format the format asked for, or {@code null} to keep the recipe's
     * @return the recipe writing that format
     */
    static Recipe withFormat(Recipe recipe, OutputSettings.Format format, CommandLine.Model.CommandSpec spec) {
        if (format == null || format == recipe.output().format()) {
            return recipe;
        }
        try {
            return recipe.withOutput(recipe.output().withFormat(format));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format " + format.recipeName()
                    + " does not fit the recipe's output: " + e.getMessage());
        }
    }
}
