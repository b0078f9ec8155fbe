package io.signalbox.processors.engine;

/**
 * What a finished run counted.
 *
 * @param rows data rows read from the prices file (the header not counted)
 * @param rowsSkipped bad rows skipped because the recipe allowed it
 * @param symbols distinct symbols seen
 */
public record EngineReport(long rows, long rowsSkipped, int symbols) {
}
