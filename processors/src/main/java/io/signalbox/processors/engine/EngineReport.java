package io.signalbox.processors.engine;

import java.time.Instant;

/**
 * What a finished run counted; what a caller stores about a job.
 *
 * @param rows data rows read from the prices file and processed (the header and skipped rows not counted)
 * @param rowsSkipped bad rows skipped because the recipe allowed it
 * @param symbols distinct symbols seen (1 for a file without a symbol column, 0 for a file without rows)
 * @param firstTimestamp the earliest bar's time, or {@code null} without rows
 * @param lastTimestamp the latest bar's time, or {@code null} without rows
 * @param signalRows data rows read from the signals file (0 without one)
 * @param signalsMatched signals that matched a bar
 * @param signalsUnmatched signals that matched no bar
 * @param outputRows data rows written to the result CSV (0 when no CSV was written)
 */
public record EngineReport(long rows, long rowsSkipped, int symbols, Instant firstTimestamp, Instant lastTimestamp,
        long signalRows, long signalsMatched, long signalsUnmatched, long outputRows) {
}
