package io.signalbox.processors.engine;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;

/**
 * One column of the row group being written, encoded straight from a batch's arrays into version 1 data pages:
 * values PLAIN (little-endian) or as dictionary indexes, definition levels of nullable columns in the RLE/bit-packing
 * hybrid, each page with its statistics. The pages stay in one reused buffer until the row group is written, so a
 * column costs no allocation per value, per page or per row group once the buffers have grown.
 */
final class ParquetColumnChunk {

    /** How a column's values are taken and encoded. */
    enum Kind {
        /** Milliseconds in, microseconds out: required INT64. */
        TIMESTAMP,
        /** Required DOUBLE. */
        DOUBLE,
        /** DOUBLE, null where the value is NaN. */
        OPTIONAL_DOUBLE,
        /** INT32 from whole doubles, null where the value is NaN. */
        OPTIONAL_INT,
        /** The symbol's name, dictionary-encoded by the symbol's id. */
        SYMBOL
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ColumnDescriptor descriptor;
    private final Kind kind;
    private final boolean optional;

    // the page being filled: its values are encoded in place at the end of the chunk, from pageStart
    private int pageStart;
    /** The encoded definition levels of a page, before they move in front of its values. */
    private byte[] scratch = new byte[0];
    /** Definition levels (nullable columns) or dictionary indexes (symbols), one per row of the page. */
    private int[] levels = new int[ParquetOutput.PAGE_ROWS + 2048];
    private int rows;
    private int nulls;
    private long minLong = Long.MAX_VALUE;
    private long maxLong = Long.MIN_VALUE;
    private double minDouble = Double.POSITIVE_INFINITY;
    private double maxDouble = Double.NEGATIVE_INFINITY;

    // the pages of the row group
    private byte[] chunk;
    private int chunkLength;
    private int pages;
    private int[] pageEnds = new int[16];
    private int[] pageRows = new int[16];
    private Statistics<?>[] pageStatistics = new Statistics<?>[16];
    private long chunkRows;

    // symbols: names by id, and which of them the page uses
    private Binary[] names;
    private int[] usedInPage;
    private int[] distinct;
    private int distinctCount;
    private int pageNumber = 1;
    private int maxId = -1;

    /**
     * @param expectedBytes what the column's part of a row group will likely take, allocated at once so that the
     *     buffer need not grow (and leave its smaller copies behind) while the first row group fills
     */
    ParquetColumnChunk(ColumnDescriptor descriptor, Kind kind, int expectedBytes) {
        this.descriptor = descriptor;
        this.kind = kind;
        this.chunk = new byte[expectedBytes];
        this.optional = kind == Kind.OPTIONAL_DOUBLE || kind == Kind.OPTIONAL_INT;
        if (kind == Kind.SYMBOL) {
            names = new Binary[16];
            usedInPage = new int[16];
            distinct = new int[16];
        }
    }

    /** Appends timestamps in milliseconds as microseconds. */
    void addTimestamps(long[] millis, int n) {
        reserveChunk(8 * n);
        byte[] b = chunk;
        int p = chunkLength;
        long min = minLong;
        long max = maxLong;
        for (int r = 0; r < n; r++) {
            long v = millis[r] * 1000;
            LONGS.set(b, p, v);
            p += 8;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        chunkLength = p;
        minLong = min;
        maxLong = max;
        rows += n;
    }

    /** Appends {@code n} doubles, {@code source[from]}, {@code source[from + stride]} and so on. */
    void addDoubles(double[] source, int from, int stride, int n) {
        reserveChunk(8 * n);
        byte[] b = chunk;
        int p = chunkLength;
        double min = minDouble;
        double max = maxDouble;
        for (int r = 0, at = from; r < n; r++, at += stride) {
            double v = source[at];
            DOUBLES.set(b, p, v);
            p += 8;
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        chunkLength = p;
        minDouble = min;
        maxDouble = max;
        rows += n;
    }

    /** Appends {@code n} doubles strided like {@link #addDoubles}, NaN as null. */
    void addOptionalDoubles(double[] source, int from, int stride, int n) {
        reserveChunk(8 * n);
        reserveLevels(n);
        byte[] b = chunk;
        int[] defined = levels;
        int p = chunkLength;
        int l = rows;
        int missing = 0;
        double min = minDouble;
        double max = maxDouble;
        for (int r = 0, at = from; r < n; r++, at += stride) {
            double v = source[at];
            if (v == v) {
                DOUBLES.set(b, p, v);
                p += 8;
                defined[l++] = 1;
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            } else {
                defined[l++] = 0;
                missing++;
            }
        }
        chunkLength = p;
        nulls += missing;
        minDouble = min;
        maxDouble = max;
        rows += n;
    }

    /** Appends {@code n} whole doubles strided like {@link #addDoubles} as ints, NaN as null. */
    void addOptionalInts(double[] source, int from, int stride, int n) {
        reserveChunk(4 * n);
        reserveLevels(n);
        byte[] b = chunk;
        int[] defined = levels;
        int p = chunkLength;
        int l = rows;
        int missing = 0;
        long min = minLong;
        long max = maxLong;
        for (int r = 0, at = from; r < n; r++, at += stride) {
            double v = source[at];
            if (v == v) {
                int i = (int) v;
                INTS.set(b, p, i);
                p += 4;
                defined[l++] = 1;
                min = Math.min(min, i);
                max = Math.max(max, i);
            } else {
                defined[l++] = 0;
                missing++;
            }
        }
        chunkLength = p;
        nulls += missing;
        minLong = min;
        maxLong = max;
        rows += n;
    }

    /** Appends the symbols of {@code n} rows as dictionary indexes: each symbol's id. */
    void addSymbols(SymbolState[] symbols, int n) {
        reserveLevels(n);
        int[] ids = levels;
        int l = rows;
        for (int r = 0; r < n; r++) {
            SymbolState s = symbols[r];
            int id = s.id;
            ids[l++] = id;
            if (id >= usedInPage.length || usedInPage[id] != pageNumber) {
                use(s);
            }
        }
        rows += n;
    }

    private void use(SymbolState s) {
        int id = s.id;
        if (id >= names.length) {
            int size = Math.max(names.length * 2, id + 1);
            names = Arrays.copyOf(names, size);
            usedInPage = Arrays.copyOf(usedInPage, size);
            distinct = Arrays.copyOf(distinct, size);
        }
        if (names[id] == null) {
            names[id] = Binary.fromConstantByteArray(s.name.getBytes(StandardCharsets.UTF_8));
        }
        usedInPage[id] = pageNumber;
        distinct[distinctCount++] = id;
        maxId = Math.max(maxId, id);
    }

    /** Bytes per row that a column of this kind takes, about. */
    static int bytesPerRow(Kind kind) {
        return switch (kind) {
            case TIMESTAMP, DOUBLE, OPTIONAL_DOUBLE -> 8;
            case OPTIONAL_INT -> 4;
            case SYMBOL -> 1;
        };
    }

    /** Bytes the row group holds of this column so far. */
    long bufferedBytes() {
        return chunkLength + rows / 8;
    }

    /** Ends the page being filled, if it has rows. */
    void endPage() {
        if (rows == 0) {
            return;
        }
        if (kind == Kind.SYMBOL) {
            int width = HybridEncoding.bitWidth(maxIdOfPage());
            reserveChunk(1 + HybridEncoding.maxBytes(rows, width));
            chunk[chunkLength] = (byte) width;
            chunkLength = HybridEncoding.encode(levels, rows, width, chunk, chunkLength + 1);
        } else if (optional) {
            int most = HybridEncoding.maxBytes(rows, 1);
            if (scratch.length < most) {
                scratch = new byte[most + most / 4];
            }
            int levelBytes = HybridEncoding.encode(levels, rows, 1, scratch, 0);
            reserveChunk(4 + levelBytes);
            System.arraycopy(chunk, pageStart, chunk, pageStart + 4 + levelBytes, chunkLength - pageStart);
            INTS.set(chunk, pageStart, levelBytes);
            System.arraycopy(scratch, 0, chunk, pageStart + 4, levelBytes);
            chunkLength += 4 + levelBytes;
        }
        if (pages == pageEnds.length) {
            pageEnds = Arrays.copyOf(pageEnds, pages * 2);
            pageRows = Arrays.copyOf(pageRows, pages * 2);
            pageStatistics = Arrays.copyOf(pageStatistics, pages * 2);
        }
        pageEnds[pages] = chunkLength;
        pageRows[pages] = rows;
        pageStatistics[pages] = statistics();
        pages++;
        chunkRows += rows;
        pageStart = chunkLength;
        rows = 0;
        nulls = 0;
        minLong = Long.MAX_VALUE;
        maxLong = Long.MIN_VALUE;
        minDouble = Double.POSITIVE_INFINITY;
        maxDouble = Double.NEGATIVE_INFINITY;
        distinctCount = 0;
        pageNumber++;
    }

    private int maxIdOfPage() {
        int max = 0;
        for (int i = 0; i < distinctCount; i++) {
            max = Math.max(max, distinct[i]);
        }
        return max;
    }

    private Statistics<?> statistics() {
        Statistics<?> s = Statistics.createStats(descriptor.getPrimitiveType());
        switch (kind) {
            case TIMESTAMP -> {
                s.updateStats(minLong);
                s.updateStats(maxLong);
            }
            case OPTIONAL_INT -> {
                if (nulls < rows) {
                    s.updateStats((int) minLong);
                    s.updateStats((int) maxLong);
                }
            }
            case DOUBLE, OPTIONAL_DOUBLE -> {
                if (nulls < rows) {
                    s.updateStats(minDouble);
                    s.updateStats(maxDouble);
                }
            }
            case SYMBOL -> {
                for (int i = 0; i < distinctCount; i++) {
                    s.updateStats(names[distinct[i]]);
                }
            }
        }
        s.incrementNumNulls(nulls);
        return s;
    }

    /** Writes the column's chunk of the row group (after {@link #endPage()}) and empties it for the next group. */
    void writeTo(ParquetFileWriter file) throws IOException {
        file.startColumn(descriptor, chunkRows, CompressionCodecName.UNCOMPRESSED);
        Encoding valuesEncoding = Encoding.PLAIN;
        if (kind == Kind.SYMBOL) {
            file.writeDictionaryPage(dictionaryPage());
            valuesEncoding = Encoding.RLE_DICTIONARY;
        }
        // Levels of a column whose maximum level is 0 are not written; RLE names them as pyarrow does.
        int start = 0;
        for (int i = 0; i < pages; i++) {
            int size = pageEnds[i] - start;
            file.writeDataPage(pageRows[i], size, BytesInput.from(chunk, start, size), pageStatistics[i],
                    pageRows[i], Encoding.RLE, Encoding.RLE, valuesEncoding);
            pageStatistics[i] = null;
            start = pageEnds[i];
        }
        file.endColumn();
        chunkLength = 0;
        pageStart = 0;
        pages = 0;
        chunkRows = 0;
    }

    /** Every symbol up to the highest id the row group uses, PLAIN: each name's length, then its bytes. */
    private DictionaryPage dictionaryPage() {
        int entries = maxId + 1;
        int size = 0;
        for (int id = 0; id < entries; id++) {
            size += 4 + (names[id] == null ? 0 : names[id].length());
        }
        byte[] page = new byte[size];
        int p = 0;
        for (int id = 0; id < entries; id++) {
            Binary name = names[id];
            int length = name == null ? 0 : name.length();
            INTS.set(page, p, length);
            p += 4;
            if (name != null) {
                System.arraycopy(name.getBytesUnsafe(), 0, page, p, length);
                p += length;
            }
        }
        return new DictionaryPage(BytesInput.from(page), entries, Encoding.PLAIN);
    }

    private void reserveLevels(int n) {
        if (rows + n > levels.length) {
            levels = Arrays.copyOf(levels, Math.max(levels.length * 2, rows + n));
        }
    }

    private void reserveChunk(int bytes) {
        if (chunkLength + bytes > chunk.length) {
            // a quarter more at a time: the chunks of all columns are a row group, and doubling could leave
            // nearly as much again unused
            chunk = Arrays.copyOf(chunk, Math.max(chunk.length + Math.max(chunk.length / 4, 1 << 16),
                    chunkLength + bytes));
        }
    }
}
