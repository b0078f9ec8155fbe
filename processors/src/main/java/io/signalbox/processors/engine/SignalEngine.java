package io.signalbox.processors.engine;

import io.signalbox.processors.recipe.Recipe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Runs a recipe over a prices file in one streaming pass, writing the result CSV and the summary JSON.
 *
 * <p>Placeholder until the engine lands: copies the CSV through and counts its data rows.
 */
public final class SignalEngine {

    private SignalEngine() {
    }

    /**
     * @return a builder with the default limits
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one job.
     *
     * @param input the files to read
     * @param recipe what to compute
     * @param resultCsv where the result CSV goes; flushed, not closed
     * @param summaryJson where the summary JSON goes; flushed, not closed
     * @param progress told how far the run has come
     * @return what the run counted
     * @throws io.signalbox.processors.BadInputException when the input cannot be processed as the recipe asks
     * @throws UncheckedIOException when reading or writing fails
     */
    public EngineReport run(EngineInput input, Recipe recipe, OutputStream resultCsv, OutputStream summaryJson,
            ProgressListener progress) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(input.prices(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(resultCsv, StandardCharsets.UTF_8);
            long lines = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.write(line);
                out.write('\n');
                lines++;
            }
            out.flush();
            long rows = Math.max(0, lines - 1);
            progress.rowsRead(rows);
            summaryJson.write(("{\"rows\":" + rows + "}\n").getBytes(StandardCharsets.UTF_8));
            summaryJson.flush();
            return new EngineReport(rows, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of an engine; every limit has a safe default. */
    public static final class Builder {

        private Builder() {
        }

        /**
         * @return the engine
         */
        public SignalEngine build() {
            return new SignalEngine();
        }
    }
}
