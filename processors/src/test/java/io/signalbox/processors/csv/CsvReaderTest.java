package io.signalbox.processors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.processors.LimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    /** Returns one byte per read, so that every record crosses buffer refills. */
    private static final class TrickleStream extends ByteArrayInputStream {
        TrickleStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    private static List<List<String>> read(String text, boolean trickle, int maxLine) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        InputStream in = trickle ? new TrickleStream(bytes) : new ByteArrayInputStream(bytes);
        CsvReader reader = new CsvReader(in, "t.csv", (byte) ',', maxLine, 50);
        reader.detectDelimiter();
        List<List<String>> records = new ArrayList<>();
        while (reader.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < reader.fieldCount(); i++) {
                fields.add(reader.text(i));
            }
            fields.add("@" + reader.line());
            records.add(fields);
        }
        return records;
    }

    private static List<List<String>> read(String text) {
        List<List<String>> whole = read(text, false, 1 << 20);
        assertThat(read(text, true, 1 << 20)).isEqualTo(whole);
        return whole;
    }

    @Test
    void readsFieldsAndLineNumbers() {
        assertThat(read("a,b\n1,2\n3,4")).containsExactly(List.of("a", "b", "@1"), List.of("1", "2", "@2"),
                List.of("3", "4", "@3"));
    }

    @Test
    void dropsCarriageReturnsAndSkipsBlankLines() {
        assertThat(read("a,b\r\n\r\n1,2\r\n\n")).containsExactly(List.of("a", "b", "@1"), List.of("1", "2", "@3"));
    }

    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndLineBreaks() {
        assertThat(read("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",2\n\"\",3\n")).containsExactly(
                List.of("a", "b", "@1"), List.of("x,y", "say \"hi\"", "@2"), List.of("two\nlines", "2", "@3"),
                List.of("", "3", "@5"));
    }

    @Test
    void keepsEmptyFields() {
        assertThat(read("a,b,c\n,,\n")).containsExactly(List.of("a", "b", "c", "@1"), List.of("", "", "", "@2"));
    }

    @Test
    void skipsUtf8ByteOrderMarkAndDetectsSemicolons() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] body = "date;close\n2024-01-02;12,5\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        CsvReader reader = new CsvReader(new ByteArrayInputStream(all), "t.csv", (byte) ',', 1 << 20, 50);
        assertThat(reader.detectDelimiter()).isEqualTo((byte) ';');
        assertThat(reader.next()).isTrue();
        assertThat(reader.text(0)).isEqualTo("date");
        assertThat(reader.next()).isTrue();
        assertThat(reader.text(1)).isEqualTo("12,5");
    }

    @Test
    void detectsTabsAndPipes() {
        CsvReader tabs = new CsvReader(new ByteArrayInputStream("a\tb\tc\n".getBytes(StandardCharsets.UTF_8)), "t",
                (byte) ',', 1 << 20, 50);
        assertThat(tabs.detectDelimiter()).isEqualTo((byte) '\t');
        CsvReader pipes = new CsvReader(new ByteArrayInputStream("a|\"b,c\"|d\n".getBytes(StandardCharsets.UTF_8)),
                "t", (byte) ',', 1 << 20, 50);
        assertThat(pipes.detectDelimiter()).isEqualTo((byte) '|');
    }

    @Test
    void rejectsUnclosedQuoteNamingTheLineItOpenedOn() {
        assertThatThrownBy(() -> read("a,b\n1,2\n\"open,3\n4,5\n", false, 1 << 20))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("t.csv line 3")
                .hasMessageContaining("never closed");
    }

    @Test
    void rejectsTextAfterClosingQuote() {
        assertThatThrownBy(() -> read("a,b\n\"x\"y,2\n", true, 1 << 20))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("t.csv line 2")
                .hasMessageContaining("found 'y' after the closing quote");
    }

    @Test
    void rejectsLineLongerThanTheLimit() {
        String longLine = "x".repeat(500);
        assertThatThrownBy(() -> read("a,b\n1,2\n" + longLine + ",3\n", false, 100))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("t.csv line 3")
                .hasMessageContaining("longer than 100 bytes");
        assertThatThrownBy(() -> read("a,b\n1,2\n" + longLine + ",3\n", true, 100))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("longer than 100 bytes");
    }

    @Test
    void rejectsLineWithoutEndLongerThanTheLimitWithoutReadingItAll() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        CsvReader reader = new CsvReader(endless, "big.csv", (byte) ',', 4096, 10);
        assertThatThrownBy(reader::next).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("big.csv line 1").hasMessageContaining("longer than 4096 bytes");
    }

    @Test
    void rejectsTooManyColumns() {
        assertThatThrownBy(() -> read("a" + ",a".repeat(60) + "\n", false, 1 << 20))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("t.csv line 1")
                .hasMessageContaining("more than 50 columns");
    }

    @Test
    void rejectsUtf16() {
        byte[] utf16 = {(byte) 0xff, (byte) 0xfe, 'a', 0, '\n', 0};
        CsvReader reader = new CsvReader(new ByteArrayInputStream(utf16), "w.csv", (byte) ',', 1 << 20, 50);
        assertThatThrownBy(reader::detectDelimiter).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("w.csv line 1").hasMessageContaining("expected UTF-8");
    }
}
