package io.signalbox.processors.engine;

/** A bad row that the recipe allowed to be skipped, as the summary lists it. */
record SkippedRow(long line, String column, String reason) {
}
