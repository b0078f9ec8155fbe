package io.signalbox.processors.engine;

/**
 * The caps a run enforces so that no input can exhaust memory.
 *
 * @param maxLineBytes longest line, in bytes
 * @param maxColumns most columns in a header
 * @param maxRows most data rows in a prices file
 * @param maxSymbols most distinct symbols in a prices file
 * @param maxGzipRatio how many times its compressed size a gzip input may expand to
 * @param maxTradesListed most trades listed in the summary (the rest are counted)
 * @param maxSkippedRowsListed most skipped rows described in the summary (the rest are counted)
 * @param maxBadRows most bad rows a recipe may have skipped
 */
record EngineLimits(int maxLineBytes, int maxColumns, long maxRows, int maxSymbols, int maxGzipRatio,
        int maxTradesListed, int maxSkippedRowsListed, long maxBadRows) {
}
