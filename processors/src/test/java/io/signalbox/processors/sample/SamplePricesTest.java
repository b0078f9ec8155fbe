package io.signalbox.processors.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplePricesTest {

    private static String write(SamplePrices.Builder builder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder.build().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void sameSettingsGiveTheSameBytes() {
        assertThat(write(SamplePrices.builder().rows(500).seed(7))).isEqualTo(write(SamplePrices.builder().rows(500)
                .seed(7)));
        assertThat(write(SamplePrices.builder().rows(500).seed(7))).isNotEqualTo(write(SamplePrices.builder()
                .rows(500).seed(8)));
    }

    @Test
    void writesInterleavedBarsWithConsistentPrices() {
        List<String> lines = Arrays.asList(write(SamplePrices.builder().rows(6).symbols(3)).split("\n"));
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("timestamp,symbol,open,high,low,close,volume");
        assertThat(lines.get(1)).startsWith("2020-01-01T00:00:00Z,SYM00001,");
        assertThat(lines.get(3)).startsWith("2020-01-01T00:00:00Z,SYM00003,");
        assertThat(lines.get(4)).startsWith("2020-01-01T00:01:00Z,SYM00001,");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double open = Double.parseDouble(f[2]);
            double high = Double.parseDouble(f[3]);
            double low = Double.parseDouble(f[4]);
            double close = Double.parseDouble(f[5]);
            assertThat(high).isGreaterThanOrEqualTo(Math.max(open, close));
            assertThat(low).isLessThanOrEqualTo(Math.min(open, close)).isPositive();
        }
    }

    @Test
    void groupedLayoutListsEachSymbolWholeBeforeTheNext() {
        List<String> lines = Arrays.asList(write(SamplePrices.builder().rows(7).symbols(3)
                .layout(SamplePrices.Layout.GROUPED)).split("\n"));
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(1, 8)).extracting(line -> line.substring(0, 29)).containsExactly(
                "2020-01-01T00:00:00Z,SYM00001", "2020-01-01T00:01:00Z,SYM00001", "2020-01-01T00:02:00Z,SYM00001",
                "2020-01-01T00:00:00Z,SYM00002", "2020-01-01T00:01:00Z,SYM00002",
                "2020-01-01T00:00:00Z,SYM00003", "2020-01-01T00:01:00Z,SYM00003");
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> SamplePrices.builder().symbols(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbols must be 1 to 100000");
        assertThatThrownBy(() -> SamplePrices.builder().time(0, 1500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole seconds");
    }
}
