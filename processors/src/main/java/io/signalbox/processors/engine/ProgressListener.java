package io.signalbox.processors.engine;

/** Told how far a run has come, so that a caller can show progress or keep a lease alive. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = rows -> { };

    /**
     * Called from the engine's thread every so often (not for every row).
     *
     * @param rowsRead data rows read so far
     */
    void rowsRead(long rowsRead);
}
