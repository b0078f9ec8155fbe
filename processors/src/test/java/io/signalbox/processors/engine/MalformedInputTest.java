package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.processors.BadInputException;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Thousands of damaged files: each one is either processed or refused with a typed, located error; none crashes. */
class MalformedInputTest {

    private static final byte[] NASTY = {'"', ',', ';', '\n', '\r', '\t', '|', 'x', '-', '.', 'e', '0', '9', ' ',
        (byte) 0xff, 0x1f, (byte) 0x8b, 0};

    @Test
    void damagedFilesAreProcessedOrRefusedWithALocatedError() {
        ByteArrayOutputStream clean = new ByteArrayOutputStream();
        SamplePrices.builder().rows(300).symbols(3).build().writeTo(clean);
        byte[] original = clean.toByteArray();
        Recipe recipe = Recipes.preset("default");
        Recipe lenient = Recipes.parse("""
                {"version": 1, "indicators": [{"type": "rsi"}], "signal": {"long": {"lt": ["rsi_14", 30]}},
                 "backtest": {}, "max_bad_rows": 5}""");
        SignalEngine engine = SignalEngine.builder().maxLineBytes(2048).maxColumns(40).build();
        SplittableRandom random = new SplittableRandom(12345);
        int refused = 0;
        int processed = 0;
        for (int round = 0; round < 1500; round++) {
            byte[] damaged = damage(original, random);
            try {
                EngineFixture.run(engine, damaged, null, round % 2 == 0 ? recipe : lenient, round % 3 != 0);
                processed++;
            } catch (BadInputException e) {
                assertThat(e.getMessage()).as("round %d", round).startsWith("prices.csv");
                assertThat(e.code()).isNotBlank();
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(50);
        assertThat(processed).isGreaterThan(5);
    }

    private static byte[] damage(byte[] original, SplittableRandom random) {
        byte[] bytes = Arrays.copyOf(original, original.length);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = NASTY[random.nextInt(NASTY.length)];
                case 1 -> bytes = Arrays.copyOf(bytes, Math.max(1, at));
                case 2 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = NASTY[random.nextInt(NASTY.length)];
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                default -> {
                    int end = Math.min(bytes.length, at + random.nextInt(200));
                    byte[] shorter = new byte[bytes.length - (end - at)];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, end, shorter, at, bytes.length - end);
                    bytes = shorter.length == 0 ? new byte[] {'x'} : shorter;
                }
            }
        }
        return bytes;
    }
}
