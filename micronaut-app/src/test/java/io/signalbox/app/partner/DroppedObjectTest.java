package io.signalbox.app.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DroppedObjectTest {

    private static DroppedObject parse(String key) {
        return DroppedObject.parse(key).orElseThrow();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aCsvFileIsDataNamedWithoutItsFileType() {
        DroppedObject drop = parse("inbox/acme/prices.csv");

        assertThat(drop.partner()).isEqualTo("acme");
        assertThat(drop.name()).isEqualTo("prices.csv");
        assertThat(drop.kind()).isEqualTo(DroppedObject.Kind.DATA);
        assertThat(drop.baseName()).isEqualTo("prices");
        assertThat(drop.problem()).isNull();
        assertThat(drop.outboxName()).isEqualTo("outbox/acme/prices");
        assertThat(drop.storedKey()).isEqualTo("inbox/acme/prices.csv");
        assertThat(drop.sidecarKey(DroppedObject.RECIPE_SUFFIX)).isEqualTo("inbox/acme/prices.recipe.json");
    }

    @Test
    void foldersAreKeptAndCompressedFilesLoseBothFileTypes() {
        DroppedObject drop = parse("inbox/acme/2025/march/Prices Ä.CSV.GZ");

        assertThat(drop.kind()).isEqualTo(DroppedObject.Kind.DATA);
        assertThat(drop.baseName()).isEqualTo("2025/march/Prices Ä");
        assertThat(drop.outboxName()).isEqualTo("outbox/acme/2025/march/Prices Ä");
        assertThat(drop.sidecarKey(".signals.csv")).isEqualTo("inbox/acme/2025/march/Prices Ä.signals.csv");
        assertThat(drop.problem()).isNull();
    }

    @Test
    void aFileOfAnotherTypeKeepsItsWholeName() {
        assertThat(parse("inbox/acme/ticks.txt").baseName()).isEqualTo("ticks.txt");
    }

    @Test
    void recipeAndSignalsFilesAreSidecarsOfTheirDataFile() {
        DroppedObject recipe = parse("inbox/acme/2025/prices.recipe.json");
        DroppedObject signals = parse("inbox/acme/2025/prices.signals.csv");
        DroppedObject compressedSignals = parse("inbox/acme/2025/prices.signals.csv.gz");

        assertThat(recipe.kind()).isEqualTo(DroppedObject.Kind.RECIPE);
        assertThat(recipe.baseName()).isEqualTo("2025/prices");
        assertThat(signals.kind()).isEqualTo(DroppedObject.Kind.SIGNALS);
        assertThat(signals.baseName()).isEqualTo("2025/prices");
        assertThat(compressedSignals.kind()).isEqualTo(DroppedObject.Kind.SIGNALS);
        assertThat(compressedSignals.baseName()).isEqualTo("2025/prices");
    }

    @Test
    void keysOutsideAPartnersInboxAndFoldersAreNoDrops() {
        assertThat(DroppedObject.parse("uploads/acme/job/input")).isEmpty();
        assertThat(DroppedObject.parse("inbox/acme/")).isEmpty();
        assertThat(DroppedObject.parse("inbox/acme/2025/")).isEmpty();
        assertThat(DroppedObject.parse("inbox//prices.csv")).isEmpty();
        assertThat(DroppedObject.parse("inbox/prices.csv")).isEmpty();
    }

    @Test
    void rejectsDotDotSegmentsAndWritesItsErrorUnderASafeName() {
        DroppedObject drop = parse("inbox/acme/a/../../globex/x.csv");

        assertThat(drop.problem()).isEqualTo("the key has a \"..\" path segment; expected folder and file names only");
        assertThat(drop.hasAmbiguousPath()).isTrue();
        assertThat(drop.outboxName()).isEqualTo("outbox/acme/a/__/__/globex/x");
    }

    @Test
    void rejectsEmptyFolderNamesAndSingleDots() {
        DroppedObject empty = parse("inbox/acme/a//x.csv");
        DroppedObject dot = parse("inbox/acme/./x.csv");

        assertThat(empty.problem()).isEqualTo("the key has an empty folder name (\"//\"); expected folder and file names only");
        assertThat(empty.outboxName()).isEqualTo("outbox/acme/a/_/x");
        assertThat(dot.problem()).startsWith("the key has a \".\" path segment");
        assertThat(dot.outboxName()).isEqualTo("outbox/acme/_/x");
    }

    @Test
    void rejectsControlCharactersNamingThemAndTheirPosition() {
        DroppedObject drop = parse("inbox/acme/tab\there.csv");

        assertThat(drop.problem()).isEqualTo("the name has the control character U+0009 at position 4;"
                + " expected printable characters only");
        assertThat(drop.hasAmbiguousPath()).isFalse();
        assertThat(drop.outboxName()).isEqualTo("outbox/acme/tab_here");
        assertThat(drop.displayName()).isEqualTo("tab\\u0009here.csv");
        assertThat(drop.storedKey()).isEqualTo("inbox/acme/tab\\u0009here.csv");
    }

    @Test
    void rejectsANameWhoseResultsWouldExceedS3sKeyLengthAndCutsItsOutboxNameWithAHash() {
        String folders = ("f".repeat(199) + "/").repeat(4);
        String key = "inbox/acme/" + folders + "g".repeat(205) + ".csv";
        assertThat(bytes(key)).isLessThanOrEqualTo(1024);

        DroppedObject drop = parse(key);

        assertThat(drop.problem()).startsWith("the name is too long for its results: acme's outbox key for its summary"
                + " would be 1030 bytes, and S3 keys have at most 1024; shorten the name by 6 bytes or more");
        assertThat(bytes(drop.outboxName() + ".summary.json")).isLessThanOrEqualTo(1024);
        assertThat(drop.outboxName()).startsWith("outbox/acme/" + folders + "g".repeat(150)).matches(".*~[0-9a-f]{16}");
        assertThat(parse(key + "x").outboxName()).isNotEqualTo(drop.outboxName());
    }

    @Test
    void cutsLongNamesAtCharacterBoundaries() {
        String key = "inbox/acme/" + "é".repeat(120) + "/" + "ü".repeat(120) + "/" + "ö".repeat(120) + "/"
                + "ß".repeat(120) + "/" + "x".repeat(40) + ".csv";

        DroppedObject drop = parse(key);

        assertThat(drop.problem()).startsWith("the name is too long for its results");
        String outboxName = drop.outboxName();
        assertThat(bytes(outboxName + ".summary.json")).isLessThanOrEqualTo(1024);
        assertThat(new String(outboxName.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(outboxName);
    }

    @Test
    void keepsTheStoredKeyOfAnOverlongKeyWithinS3sLengthAndDistinct() {
        String key = "inbox/acme/" + "k".repeat(2000) + ".csv";

        DroppedObject drop = parse(key);

        assertThat(drop.problem()).isEqualTo("the key is 2015 bytes long; S3 keys have at most 1024");
        assertThat(bytes(drop.storedKey())).isLessThanOrEqualTo(1024);
        assertThat(drop.storedKey()).matches("inbox/acme/k+#[0-9a-f]{64}");
        assertThat(parse(key.replace(".csv", ".CSV")).storedKey()).isNotEqualTo(drop.storedKey());
    }
}
