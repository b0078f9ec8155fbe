package io.signalbox.processors.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;

/**
 * Writes the result as Apache Parquet with typed columns ({@link ParquetColumns}). Each batch goes straight from its
 * arrays into the pages of its columns ({@link ParquetColumnChunk}), one column after the other, without records,
 * boxed values or a per-value call into a library; parquet-java's {@link ParquetFileWriter} lays out the row groups,
 * page headers, column and offset indexes and the footer. Pages end at the first batch boundary after
 * {@value #PAGE_ROWS} rows; row groups of about {@value #ROW_GROUP_BYTES} bytes are written to the stream as they
 * fill, so memory stays at about one row group. Batches are the same for any number of threads, and so are the
 * bytes written.
 *
 * <p>Pages are not compressed: parquet-java's codecs go through Hadoop's codec classes, which the engine does not
 * carry; the file writer is used through its {@link org.apache.parquet.io.OutputFile} interface without Hadoop at
 * run time. With workers, one thread of its own writes the batches in input order.
 */
final class ParquetOutput extends OrderedOutput {

    static final int ROW_GROUP_BYTES = 16 << 20;
    static final int PAGE_ROWS = 16_384;
    private static final Map<String, String> FILE_METADATA = Map.of("signalbox.format", "1");

    private final ParquetColumns columns;
    private final ParquetFileWriter file;
    private final ParquetColumnChunk timestamp;
    /** {@code null} for a file that is one series. */
    private final ParquetColumnChunk symbol;
    private final ParquetColumnChunk[] fields;
    private final ParquetColumnChunk[] cells;
    private final ParquetColumnChunk[] all;
    private int pageRows;
    private long groupRows;

    /**
     * @param threaded whether batches are written on a thread of the output's own
     */
    ParquetOutput(OutputStream out, EnginePlan plan, BatchPool pool, boolean threaded) {
        super(pool, threaded);
        columns = new ParquetColumns(plan);
        ParquetColumnChunk.Kind[] cellKinds = new ParquetColumnChunk.Kind[columns.cells.length];
        int rowBytes = ParquetColumnChunk.bytesPerRow(ParquetColumnChunk.Kind.TIMESTAMP)
                + (columns.symbol == null ? 0 : ParquetColumnChunk.bytesPerRow(ParquetColumnChunk.Kind.SYMBOL))
                + columns.fields.length * ParquetColumnChunk.bytesPerRow(ParquetColumnChunk.Kind.DOUBLE);
        for (int c = 0; c < cellKinds.length; c++) {
            cellKinds[c] = columns.integral[c] ? ParquetColumnChunk.Kind.OPTIONAL_INT
                    : ParquetColumnChunk.Kind.OPTIONAL_DOUBLE;
            rowBytes += ParquetColumnChunk.bytesPerRow(cellKinds[c]);
        }
        // a row group ends after the batch that fills it, so room for one more batch and the pages' levels
        int groupRows = ROW_GROUP_BYTES / rowBytes + RowBatch.rowsPerBatch(columns.cells.length) + PAGE_ROWS / 8;
        timestamp = chunk(columns.timestamp, ParquetColumnChunk.Kind.TIMESTAMP, groupRows);
        symbol = columns.symbol == null ? null : chunk(columns.symbol, ParquetColumnChunk.Kind.SYMBOL, groupRows);
        fields = new ParquetColumnChunk[columns.fields.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = chunk(columns.fields[i], ParquetColumnChunk.Kind.DOUBLE, groupRows);
        }
        cells = new ParquetColumnChunk[columns.cells.length];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = chunk(columns.cells[c], cellKinds[c], groupRows);
        }
        all = new ParquetColumnChunk[(symbol == null ? 1 : 2) + fields.length + cells.length];
        int at = 0;
        all[at++] = timestamp;
        if (symbol != null) {
            all[at++] = symbol;
        }
        for (ParquetColumnChunk field : fields) {
            all[at++] = field;
        }
        for (ParquetColumnChunk cell : cells) {
            all[at++] = cell;
        }
        ParquetProperties properties = ParquetProperties.builder().withPageWriteChecksumEnabled(false).build();
        try {
            file = new ParquetFileWriter(new AppendOnlyFile(out), columns.schema, ParquetFileWriter.Mode.CREATE,
                    ROW_GROUP_BYTES, 0, null, properties);
            file.start();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
        startWriter();
    }

    @Override
    void write(RowBatch batch) {
        final int n = batch.rows;
        if (n == 0) {
            return;
        }
        timestamp.addTimestamps(batch.millis, n);
        if (symbol != null) {
            symbol.addSymbols(batch.symbols, n);
        }
        for (int i = 0; i < fields.length; i++) {
            fields[i].addDoubles(batch.bars, columns.fieldOffsets[i], RowBatch.BAR_VALUES, n);
        }
        for (int c = 0; c < cells.length; c++) {
            if (columns.integral[c]) {
                cells[c].addOptionalInts(batch.cells, c, batch.cellsPerRow, n);
            } else {
                cells[c].addOptionalDoubles(batch.cells, c, batch.cellsPerRow, n);
            }
        }
        pageRows += n;
        groupRows += n;
        if (pageRows >= PAGE_ROWS) {
            endPages();
        }
        long buffered = 0;
        for (ParquetColumnChunk column : all) {
            buffered += column.bufferedBytes();
        }
        if (buffered >= ROW_GROUP_BYTES) {
            writeRowGroup();
        }
    }

    @Override
    void close() {
        writeRowGroup();
        try {
            file.end(FILE_METADATA);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
    }

    private static ParquetColumnChunk chunk(ColumnDescriptor column, ParquetColumnChunk.Kind kind, int groupRows) {
        return new ParquetColumnChunk(column, kind, groupRows * ParquetColumnChunk.bytesPerRow(kind));
    }

    private void endPages() {
        for (ParquetColumnChunk column : all) {
            column.endPage();
        }
        pageRows = 0;
    }

    /** Writes the buffered rows as one row group, if there are any. */
    private void writeRowGroup() {
        if (groupRows == 0) {
            return;
        }
        endPages();
        try {
            file.startBlock(groupRows);
            for (ParquetColumnChunk column : all) {
                column.writeTo(file);
            }
            file.endBlock();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
        groupRows = 0;
    }
}
