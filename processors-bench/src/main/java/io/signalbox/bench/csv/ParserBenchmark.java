package io.signalbox.bench.csv;

import io.signalbox.processors.csv.CsvReader;
import io.signalbox.processors.decimal.DecimalParser;
import io.signalbox.processors.sample.SamplePrices;
import io.signalbox.processors.time.TimestampFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the sample prices file from memory: splitting records only, and splitting plus parsing the timestamp and
 * the five numbers of every row. Each invocation reads {@value #ROWS} rows; divide the time by it for a row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {

    static final int ROWS = 100_000;

    private byte[] file;

    @Setup
    public void generate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SamplePrices.builder().rows(ROWS).symbols(8).build().writeTo(out);
        file = out.toByteArray();
    }

    private CsvReader reader() {
        CsvReader reader = new CsvReader(new ByteArrayInputStream(file), "bench.csv", (byte) ',', 1 << 20, 512);
        reader.detectDelimiter();
        reader.next();
        return reader;
    }

    @Benchmark
    public long splitRecords() {
        CsvReader reader = reader();
        long fields = 0;
        while (reader.next()) {
            fields += reader.fieldCount() + reader.end(5);
        }
        return fields;
    }

    @Benchmark
    public double splitAndParse() {
        CsvReader reader = reader();
        DecimalParser numbers = DecimalParser.point();
        TimestampFormat format = TimestampFormat.named("iso_datetime");
        double sum = 0;
        while (reader.next()) {
            byte[] b = reader.recordArray();
            sum += format.parse(b, reader.start(0), reader.end(0));
            for (int f = 2; f < 7; f++) {
                sum += numbers.parse(b, reader.start(f), reader.end(f));
            }
        }
        return sum;
    }
}
