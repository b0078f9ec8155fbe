package io.signalbox.routes.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a dropped file's job has come in taking its files, step by step of the {@code ingest-drop} route: each
 * step does one storage call and hands its answer to a decision ({@link TakeDecisions}), which says what comes next.
 *
 * @param jobId the job's id
 * @param next the step to do next
 * @param files where its files are, or {@code null} when the job takes none (its key was refused, or an earlier
 *     delivery took them)
 * @param signalsLookedFor how many of the signals sidecar's names were looked for and not found
 * @param copy the copy to make next, or {@code null}
 * @param inputBytes the size of the job's copy of the data file, once it has it
 * @param signals the signals sidecar taken, or {@code null}
 * @param recipe the recipe sidecar found, or {@code null}
 * @param recipeJson the recipe read from it, or {@code null}
 * @param failure why the job fails, or {@code null}
 * @param leaving the inbox objects to delete at the end, each only if it is still the version that was taken
 */
public record DropTake(String jobId, Step next, DropFiles files, int signalsLookedFor, Copy copy, Long inputBytes,
        InboxObject signals, InboxObject recipe, String recipeJson, DropFailure failure, List<InboxObject> leaving) {

    /** Why an object taken into a job leaves the inbox, for the audit log. */
    public static final String MOVED = "moved-into-job";
    /** Why the objects of a drop whose job failed on its recipe leave the inbox. */
    public static final String FAILED = "failed";
    /** Why an object whose key the drop folder cannot take leaves the inbox. */
    public static final String REJECTED = "rejected";

    /** The steps of taking a drop's files, in the order the route does them. */
    public enum Step {
        /** Look for the job's copy of the data file, which an earlier delivery of the event may have made. */
        FIND_COPY,
        /** Look at the data file in the inbox. */
        FIND_DATA_FILE,
        /** Copy the data file under the job's input key. */
        COPY_DATA_FILE,
        /** Look for the job's copy again: the data file changed, or was not copied. */
        CHECK_COPY,
        /** Look for the signals sidecar under its next name. */
        FIND_SIGNALS,
        /** Copy the signals sidecar under the job's signals key. */
        COPY_SIGNALS,
        /** Look for the recipe sidecar. */
        FIND_RECIPE,
        /** Read the recipe sidecar. */
        READ_RECIPE,
        /** Record in the job what it took. */
        RECORD,
        /** Fail the job, writing the reason into the outbox first when it is reported there. */
        FAIL,
        /** Nothing more to take: what was taken leaves the inbox, and a job that has its files is queued. */
        DONE
    }

    public DropTake {
        leaving = List.copyOf(leaving);
    }

    /**
     * @param jobId the job's id
     * @param files where its files are
     * @return the take of a job that has taken nothing yet
     */
    public static DropTake start(String jobId, DropFiles files) {
        return new DropTake(jobId, Step.FIND_COPY, files, 0, null, null, null, null, null, null, List.of());
    }

    /**
     * @param jobId the job's id
     * @param dataFile the data file an earlier delivery of the event took, which leaves the inbox now
     * @return the take of a job that has its files
     */
    public static DropTake takenBefore(String jobId, InboxObject dataFile) {
        return new DropTake(jobId, Step.DONE, null, 0, null, null, null, null, null, null, List.of(dataFile));
    }

    /**
     * @param jobId the job's id
     * @param failure why it fails
     * @param leaving what leaves the inbox nevertheless
     * @return the take of a job that fails before it takes anything
     */
    public static DropTake refused(String jobId, DropFailure failure, List<InboxObject> leaving) {
        return new DropTake(jobId, Step.FAIL, null, 0, null, null, null, null, null, failure, leaving);
    }

    /** @return whether the job has its files and is to be queued */
    public boolean ready() {
        return next == Step.DONE && failure == null;
    }

    /** @return the signals sidecar's name looked for next */
    public Sidecar signalsSought() {
        return files.signals().get(signalsLookedFor);
    }

    /** @return the objects taken into the job, which leave the inbox once it has recorded them: sidecars first */
    public List<InboxObject> taken() {
        List<InboxObject> taken = new ArrayList<>();
        if (signals != null) {
            taken.add(signals);
        }
        if (recipe != null) {
            taken.add(recipe);
        }
        taken.add(files.dataFile());
        return taken;
    }

    DropTake then(Step step) {
        return new DropTake(jobId, step, files, signalsLookedFor, copy, inputBytes, signals, recipe, recipeJson,
                failure, leaving);
    }

    DropTake lookingForSignals(int lookedFor) {
        return new DropTake(jobId, Step.FIND_SIGNALS, files, lookedFor, copy, inputBytes, signals, recipe, recipeJson,
                failure, leaving);
    }

    DropTake copying(Step step, Copy next) {
        return new DropTake(jobId, step, files, signalsLookedFor, next, inputBytes, signals, recipe, recipeJson,
                failure, leaving);
    }

    DropTake withInput(long bytes) {
        return new DropTake(jobId, Step.FIND_SIGNALS, files, signalsLookedFor, null, bytes, signals, recipe,
                recipeJson, failure, leaving);
    }

    DropTake withSignals(InboxObject found, Copy next) {
        return new DropTake(jobId, Step.COPY_SIGNALS, files, signalsLookedFor, next, inputBytes, found, recipe,
                recipeJson, failure, leaving);
    }

    DropTake withRecipe(InboxObject found) {
        return new DropTake(jobId, Step.READ_RECIPE, files, signalsLookedFor, null, inputBytes, signals, found,
                recipeJson, failure, leaving);
    }

    DropTake withRecipeJson(String json) {
        return new DropTake(jobId, Step.RECORD, files, signalsLookedFor, null, inputBytes, signals, recipe, json,
                failure, leaving);
    }

    DropTake failing(DropFailure why, List<InboxObject> leavingNow) {
        return new DropTake(jobId, Step.FAIL, files, signalsLookedFor, null, inputBytes, signals, recipe, recipeJson,
                why, leavingNow);
    }

    /**
     * @return the take once its job recorded what it took: done, and what was taken leaves the inbox
     */
    public DropTake recorded() {
        return new DropTake(jobId, Step.DONE, files, signalsLookedFor, null, inputBytes, signals, recipe, recipeJson,
                failure, taken());
    }

    /** @return the take once its job failed: done, and nothing is queued */
    public DropTake failed() {
        return new DropTake(jobId, Step.DONE, files, signalsLookedFor, null, inputBytes, signals, recipe, recipeJson,
                failure, leaving);
    }
}
