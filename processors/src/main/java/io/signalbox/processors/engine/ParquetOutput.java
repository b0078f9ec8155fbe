package io.signalbox.processors.engine;

import io.signalbox.processors.recipe.Recipe;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes the result as Apache Parquet with typed columns: {@code timestamp} (INT64, microseconds since the epoch,
 * UTC), {@code symbol} (a dictionary-encoded string, when the file has symbols), the bar's fields the header has
 * ({@code open} to {@code volume}, DOUBLE), then the computed columns: DOUBLE, null where undefined, except
 * {@code signal} and {@code position}, which are INT32 when the recipe's rules make them (-1, 0, 1) and DOUBLE when
 * they are uploaded weights. Row groups of {@value #ROW_GROUP_BYTES} bytes are written to the stream as they fill,
 * so memory stays at about one row group.
 *
 * <p>Pages are not compressed: parquet-java's codecs go through Hadoop's codec classes, which the engine does not
 * carry; the writer is parquet-java's own, used through its {@link OutputFile} and {@link ParquetConfiguration}
 * interfaces without Hadoop at run time. With workers, one thread of its own writes the rows in input order.
 */
final class ParquetOutput extends OrderedOutput {

    static final int ROW_GROUP_BYTES = 16 << 20;

    private final ParquetWriter<Row> writer;
    private final Row row;

    /**
     * @param threaded whether rows are written on a thread of the output's own
     */
    ParquetOutput(OutputStream out, EnginePlan plan, BatchPool pool, boolean threaded) {
        super(pool, threaded);
        this.row = new Row(plan);
        try {
            writer = new Builder(new StreamFile(out), row).withConf(new PlainParquetConfiguration())
                    .withCodecFactory(Uncompressed.FACTORY).withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                    .withRowGroupSize((long) ROW_GROUP_BYTES).withPageSize(1 << 20)
                    .withDictionaryEncoding(false).withDictionaryEncoding("symbol", true)
                    .withSizeStatisticsEnabled(false).withPageWriteChecksumEnabled(false)
                    .withValidation(false).build();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
        startWriter();
    }

    @Override
    void write(RowBatch batch) {
        try {
            row.batch = batch;
            for (int r = 0, n = batch.rows; r < n; r++) {
                row.index = r;
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
    }

    @Override
    void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
    }

    /** The row being written: a batch and an index into it, and how its columns are laid out. */
    static final class Row {
        final MessageType schema;
        final boolean symbols;
        final int[] fields;
        final String[] fieldNames;
        final int cells;
        final String[] cellNames;
        final boolean[] integral;
        RowBatch batch;
        int index;

        Row(EnginePlan plan) {
            Types.MessageTypeBuilder b = Types.buildMessage();
            b.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true,
                    LogicalTypeAnnotation.TimeUnit.MICROS)).named("timestamp");
            symbols = plan.columns.symbol() >= 0;
            if (symbols) {
                b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("symbol");
            }
            List<Integer> present = new ArrayList<>();
            for (int f = 0; f < ColumnLayout.FIELD_NAMES.length; f++) {
                if (plan.columns.fields()[f] >= 0) {
                    present.add(f);
                    b.required(PrimitiveTypeName.DOUBLE).named(ColumnLayout.FIELD_NAMES[f]);
                }
            }
            fields = present.stream().mapToInt(Integer::intValue).toArray();
            fieldNames = present.stream().map(f -> ColumnLayout.FIELD_NAMES[f]).toArray(String[]::new);
            cells = plan.outputNames.size();
            cellNames = plan.outputNames.toArray(new String[0]);
            integral = new boolean[cells];
            for (int c = 0; c < cells; c++) {
                String name = cellNames[c];
                integral[c] = plan.signalSource == SignalSource.RULES
                        && (name.equals(Recipe.SIGNAL_COLUMN) || name.equals(Recipe.BACKTEST_COLUMNS.get(0)));
                b.optional(integral[c] ? PrimitiveTypeName.INT32 : PrimitiveTypeName.DOUBLE).named(name);
            }
            schema = b.named("result");
        }
    }

    /** Writes one {@link Row} through the record consumer, column by column. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final Row layout;
        private final Map<SymbolState, Binary> names = new IdentityHashMap<>();
        private SymbolState lastState;
        private Binary lastName;
        private RecordConsumer consumer;

        RowWriteSupport(Row layout) {
            this.layout = layout;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(layout.schema, Map.of("signalbox.format", "1"));
        }

        /** Never called: the writer is configured through {@link ParquetConfiguration}, not Hadoop's. */
        @Override
        @SuppressWarnings("deprecation") // abstract in parquet-java, so it must be implemented
        public WriteContext init(Configuration configuration) {
            throw new UnsupportedOperationException("configured without Hadoop");
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            final RecordConsumer c = consumer;
            final RowBatch b = row.batch;
            final int r = row.index;
            int field = 0;
            c.startMessage();
            c.startField("timestamp", field);
            c.addLong(b.millis[r] * 1000);
            c.endField("timestamp", field++);
            if (row.symbols) {
                c.startField("symbol", field);
                c.addBinary(name(b.symbols[r]));
                c.endField("symbol", field++);
            }
            int at = r * RowBatch.BAR_VALUES;
            for (int i = 0; i < row.fields.length; i++) {
                c.startField(row.fieldNames[i], field);
                c.addDouble(b.bars[at + row.fields[i]]);
                c.endField(row.fieldNames[i], field++);
            }
            int base = r * b.cellsPerRow;
            for (int i = 0; i < row.cells; i++, field++) {
                double v = b.cells[base + i];
                if (v != v) {
                    continue;
                }
                c.startField(row.cellNames[i], field);
                if (row.integral[i]) {
                    c.addInteger((int) v);
                } else {
                    c.addDouble(v);
                }
                c.endField(row.cellNames[i], field);
            }
            c.endMessage();
        }

        private Binary name(SymbolState state) {
            if (state != lastState) {
                lastState = state;
                lastName = names.computeIfAbsent(state,
                        s -> Binary.fromConstantByteArray(s.name.getBytes(StandardCharsets.UTF_8)));
            }
            return lastName;
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final Row layout;

        Builder(OutputFile file, Row layout) {
            super(file);
            this.layout = layout;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(layout);
        }

        /** Never called: the writer is configured through {@link ParquetConfiguration}, not Hadoop's. */
        @Override
        @SuppressWarnings("deprecation") // abstract in parquet-java, so it must be implemented
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            throw new UnsupportedOperationException("configured without Hadoop");
        }
    }

    /** The result stream as a Parquet file that is only ever appended to; closing it flushes the stream. */
    private static final class StreamFile implements OutputFile {
        private final OutputStream out;

        StreamFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    /** Pages as they are: the only codec the engine needs, and one that needs no Hadoop class. */
    private static final class Uncompressed implements CompressionCodecFactory {
        static final Uncompressed FACTORY = new Uncompressed();

        private static final BytesInputCompressor COMPRESSOR = new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) {
                return bytes;
            }

            @Override
            public CompressionCodecName getCodecName() {
                return CompressionCodecName.UNCOMPRESSED;
            }

            @Override
            public void release() {
            }
        };

        @Override
        public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
            return COMPRESSOR;
        }

        @Override
        public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
            throw new UnsupportedOperationException("the engine writes Parquet, it does not read it");
        }

        @Override
        public void release() {
        }
    }
}
