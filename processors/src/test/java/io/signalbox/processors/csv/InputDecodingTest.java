package io.signalbox.processors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.processors.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class InputDecodingTest {

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void passesPlainTextThrough() throws IOException {
        InputStream in = InputDecoding.decode(new ByteArrayInputStream("a,b\n".getBytes(StandardCharsets.UTF_8)),
                "p.csv", 100);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
    }

    @Test
    void recognisesGzipByItsMagicBytes() throws IOException {
        byte[] compressed = gzip("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        InputStream in = InputDecoding.decode(new ByteArrayInputStream(compressed), "p.csv", 100);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void refusesGzipThatExpandsPastTheRatio() throws IOException {
        byte[] bomb = gzip(new byte[64 << 20]);
        InputStream in = InputDecoding.decode(new ByteArrayInputStream(bomb), "bomb.csv.gz", 200);
        assertThatThrownBy(() -> in.transferTo(OutputStreamSink.INSTANCE))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("bomb.csv.gz")
                .hasMessageContaining("more than 200 times its compressed size");
    }

    @Test
    void refusesZipArchivesSuchAsWorkbooks() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0};
        assertThatThrownBy(() -> InputDecoding.decode(new ByteArrayInputStream(zip), "book.xlsx", 100))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("book.xlsx line 1: the file is a ZIP archive (an .xlsx workbook or a .zip); expected CSV "
                        + "text, optionally gzip-compressed");
    }

    @Test
    void refusesTruncatedGzip() throws IOException {
        byte[] whole = gzip("a,b\n1,2\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        byte[] header = Arrays.copyOf(whole, 5);
        assertThatThrownBy(() -> InputDecoding.decode(new ByteArrayInputStream(header), "t.gz", 100))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("t.gz line 1: the file starts like gzip");
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        InputStream in = InputDecoding.decode(new ByteArrayInputStream(half), "t.gz", 100);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("t.gz: the gzip stream ends early");
    }

    @Test
    void refusesCorruptGzip() {
        byte[] broken = {0x1f, (byte) 0x8b, 1, 2, 3, 4};
        assertThatThrownBy(() -> InputDecoding.decode(new ByteArrayInputStream(broken), "x.gz", 100).readAllBytes())
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("x.gz")
                .hasMessageContaining("gzip");
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
