package io.signalbox.routes.ingest;

import io.signalbox.processors.recipe.RecipeException;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.routes.storage.ETags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * What each storage answer means while a dropped file's job takes its files: each method takes the take so far and
 * the answer of the step just done, and answers the take with the step to do next. Nothing here calls storage.
 */
public final class TakeDecisions {

    /** The largest recipe sidecar read, as for a recipe sent to the REST API. */
    public static final int MAX_RECIPE_BYTES = 64 * 1024;

    /** Nothing to configure: the decisions need only their arguments. */
    public TakeDecisions() {
    }

    /**
     * @param take the take
     * @param copy the job's copy of the data file, or {@code null} when there is none
     * @return the take: on to the sidecars when an earlier delivery made the copy, else to the data file
     */
    public DropTake copyFound(DropTake take, HeadObjectResponse copy) {
        return copy == null ? take.then(DropTake.Step.FIND_DATA_FILE) : take.withInput(copy.contentLength());
    }

    /**
     * @param take the take
     * @param dataFile the data file in the inbox now, or {@code null} when it is gone
     * @return the take: failing when the file is gone; to be copied while it is the version announced; else, since it
     *     was replaced, to see whether another delivery made the job's copy
     */
    public DropTake dataFileFound(DropTake take, HeadObjectResponse dataFile) {
        DropFiles files = take.files();
        if (dataFile == null) {
            return take.failing(DropFailure.of("input_missing", files.dataFileName() + " was no longer in the"
                    + " inbox when job " + take.jobId() + " came to take it; drop it again"), List.of());
        }
        if (!ETags.same(dataFile.eTag(), files.dataFile().eTag())) {
            return take.then(DropTake.Step.CHECK_COPY);
        }
        return take.copying(DropTake.Step.COPY_DATA_FILE, new Copy(files.dataFile().key(), dataFile.eTag(),
                dataFile.contentLength(), files.inputKey()));
    }

    /**
     * @param take the take, whose data file was copied, or not because it changed or went meanwhile
     * @return the take, to see the job's copy either way: its size is the job's input size, and without one the job
     *     was superseded
     */
    public DropTake dataFileCopied(DropTake take) {
        return take.then(DropTake.Step.CHECK_COPY);
    }

    /**
     * @param take the take
     * @param copy the job's copy of the data file, or {@code null} when there is none
     * @return the take: on to the sidecars with the copy; without one the job is superseded, since the newer upload
     *     that replaced its file has an event, and so a job, of its own
     */
    public DropTake copyChecked(DropTake take, HeadObjectResponse copy) {
        if (copy == null) {
            return take.failing(new DropFailure("superseded", take.files().dataFileName()
                    + " was replaced by a newer upload of the same name before it was taken", null, null, false),
                    List.of());
        }
        return take.withInput(copy.contentLength());
    }

    /**
     * @param take the take
     * @param sidecar the signals sidecar under the name looked for, or {@code null} when there is none
     * @return the take: the sidecar found is copied; else its next name is looked for, and after the last the recipe
     */
    public DropTake signalsFound(DropTake take, HeadObjectResponse sidecar) {
        Sidecar sought = take.signalsSought();
        if (sidecar != null) {
            return take.withSignals(new InboxObject(sought.key(), sidecar.eTag(), DropTake.MOVED),
                    new Copy(sought.key(), sidecar.eTag(), sidecar.contentLength(), take.files().signalsKey()));
        }
        int lookedFor = take.signalsLookedFor() + 1;
        return lookedFor < take.files().signals().size()
                ? take.lookingForSignals(lookedFor) : take.then(DropTake.Step.FIND_RECIPE);
    }

    /**
     * @param take the take
     * @param copied whether the copy was made
     * @return the take, on to the recipe
     * @throws IllegalStateException when the sidecar changed or went while it was copied: the event is delivered
     *     again and looks again
     */
    public DropTake signalsCopied(DropTake take, boolean copied) {
        if (!copied) {
            throw new IllegalStateException(take.signalsSought().name() + " changed while job " + take.jobId()
                    + " took it; the event will be delivered again");
        }
        return take.then(DropTake.Step.FIND_RECIPE);
    }

    /**
     * @param take the take
     * @param sidecar the recipe sidecar, or {@code null} when there is none
     * @return the take: recorded without a recipe sidecar, failing on one too large to be a recipe, else to read it
     */
    public DropTake recipeFound(DropTake take, HeadObjectResponse sidecar) {
        if (sidecar == null) {
            return take.then(DropTake.Step.RECORD);
        }
        InboxObject recipe = new InboxObject(take.files().recipe().key(), sidecar.eTag(), DropTake.MOVED);
        long size = sidecar.contentLength() == null ? 0 : sidecar.contentLength();
        if (size > MAX_RECIPE_BYTES) {
            return failedOnRecipe(take, recipe, new RecipeException("$", "the document has " + size
                    + " bytes; a recipe may have at most " + MAX_RECIPE_BYTES));
        }
        return take.withRecipe(recipe);
    }

    /**
     * @param take the take
     * @param content the recipe sidecar's content, which is closed here
     * @return the take: recorded with the recipe, or failing when it is no valid recipe
     */
    public DropTake recipeRead(DropTake take, InputStream content) {
        String json;
        try (InputStream in = content) {
            byte[] bytes = in.readNBytes(MAX_RECIPE_BYTES + 1);
            if (bytes.length > MAX_RECIPE_BYTES) {
                return failedOnRecipe(take, take.recipe(), new RecipeException("$", "the document has more than "
                        + MAX_RECIPE_BYTES + " bytes; a recipe may have at most " + MAX_RECIPE_BYTES));
            }
            json = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + take.files().recipe().name() + " failed", e);
        }
        try {
            Recipes.parse(json);
        } catch (RecipeException e) {
            return failedOnRecipe(take, take.recipe(), e);
        }
        return take.withRecipeJson(json);
    }

    /** A recipe sidecar that is no valid recipe fails the job, and the drop's files leave the inbox. */
    private static DropTake failedOnRecipe(DropTake take, InboxObject recipe, RecipeException problem) {
        String name = take.files().recipe().name();
        List<InboxObject> failed = new ArrayList<>(List.of(
                new InboxObject(take.files().dataFile().key(), take.files().dataFile().eTag(), DropTake.FAILED),
                new InboxObject(recipe.key(), recipe.eTag(), DropTake.FAILED)));
        if (take.signals() != null) {
            failed.add(new InboxObject(take.signals().key(), take.signals().eTag(), DropTake.FAILED));
        }
        return take.failing(new DropFailure(problem.code(), name + ": " + problem.getMessage(), name, problem.path(),
                true), failed);
    }
}
