package io.signalbox.processors.engine;

import java.util.Arrays;

/**
 * A run of consecutive rows travelling through the stages of a run: the reader fills in the bars, the pipeline the
 * computed cells, the output writes them. Batches are recycled, so a run's memory is a fixed number of batches.
 */
final class RowBatch {

    /** Per-row values the reader parses: open, high, low, close, volume, uploaded signal. */
    static final int BAR_VALUES = 6;
    static final int UPLOADED_SIGNAL = 5;

    private static final int TARGET_BYTES = 1 << 21;

    final int capacity;
    final int cellsPerRow;
    /** The output's text of each row before the computed cells: the input line, made safe to open. */
    byte[] lines;
    int linesLength;
    final int[] lineEnds;
    final long[] millis;
    final long[] lineNumbers;
    final double[] bars;
    final SymbolState[] symbols;
    final double[] cells;
    int rows;
    /** Bytes written as they are instead of rows (the header line); {@code null} for a batch of rows. */
    byte[] text;
    /** What stopped the reader after this batch's rows, thrown when the pipeline reaches it. */
    RuntimeException failure;
    /** Whether the input ends after this batch. */
    boolean last;
    /** Formatted output, filled by a formatting worker. */
    byte[] out;
    int outLength;
    volatile boolean formatted;

    RowBatch(int cellsPerRow) {
        this.cellsPerRow = cellsPerRow;
        this.capacity = rowsPerBatch(cellsPerRow);
        this.lines = new byte[capacity * 80];
        this.lineEnds = new int[capacity];
        this.millis = new long[capacity];
        this.lineNumbers = new long[capacity];
        this.bars = new double[capacity * BAR_VALUES];
        this.symbols = new SymbolState[capacity];
        this.cells = new double[capacity * cellsPerRow];
        this.out = new byte[0];
    }

    /** Rows per batch: 2,048, fewer for recipes with many columns so that a batch stays near 2 MB. */
    static int rowsPerBatch(int cellsPerRow) {
        int rows = TARGET_BYTES / (8 * (cellsPerRow + BAR_VALUES) + 32 * cellsPerRow + 160);
        return Math.max(16, Math.min(2048, Integer.highestOneBit(rows)));
    }

    void clear() {
        rows = 0;
        linesLength = 0;
        text = null;
        failure = null;
        last = false;
        outLength = 0;
        formatted = false;
        Arrays.fill(symbols, null);
    }

    /** Makes room for {@code needed} more line bytes. */
    void reserveLineBytes(int needed) {
        if (linesLength + needed > lines.length) {
            lines = Arrays.copyOf(lines, Math.max(lines.length * 2, linesLength + needed));
        }
    }

    int lineStart(int row) {
        return row == 0 ? 0 : lineEnds[row - 1];
    }
}
