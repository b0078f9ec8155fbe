package io.signalbox.routes.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DownloadCoverageTest {

    private static final long SIZE = 20_000_000;
    private static final long PART = 8 * 1024 * 1024;

    private static int events;

    private static ObjectRead read(String range, Long bytesOut) {
        return new ObjectRead("event-" + events++, "signalbox", "outbox/acme/prices.result.csv", range, bytesOut, null);
    }

    private static DownloadCoverage coverage(ObjectRead... reads) {
        return DownloadCoverage.of(SIZE, List.of(reads));
    }

    /** The GETs of {@code aws s3 cp} for an object over 8 MB: 8 MiB parts, the last one shorter. */
    private static List<ObjectRead> awsCliParts(boolean recordRange) {
        List<ObjectRead> parts = new ArrayList<>();
        for (long from = 0; from < SIZE; from += PART) {
            long last = Math.min(from + PART, SIZE) - 1;
            parts.add(read(recordRange ? "bytes=" + from + "-" + last : null, last - from + 1));
        }
        return parts;
    }

    @Test
    void aWholeObjectReadThatSentEveryByteDeliversIt() {
        assertThat(coverage(read(null, SIZE)).complete()).isTrue();
        assertThat(coverage(read(null, null)).complete()).isTrue();
        assertThat(coverage(read("bytes=0-", SIZE)).complete()).isTrue();
        assertThat(coverage(read("bytes=0-19999999", SIZE)).deliveredBytes()).isEqualTo(SIZE);
    }

    @Test
    void aSingleReadCutShortDoesNotDeliverTheObject() {
        DownloadCoverage cut = coverage(read(null, 4_194_304L));

        assertThat(cut.complete()).isFalse();
        assertThat(cut.deliveredBytes()).isEqualTo(4_194_304L);
        assertThat(cut.reads()).isEqualTo(1);
        assertThat(coverage(read("bytes=0-", 4_194_304L)).complete()).isFalse();
        assertThat(coverage(read("bytes=16777216-19999999", 1_000L)).complete()).isFalse();
    }

    @Test
    void theRangedPartsOfAnAwsCliDownloadDeliverTheObjectInWhateverOrderTheyArrive() {
        List<ObjectRead> parts = awsCliParts(true);
        Collections.shuffle(parts, new Random(3));

        assertThat(DownloadCoverage.of(SIZE, parts).complete()).isTrue();
        assertThat(DownloadCoverage.of(SIZE, parts.subList(0, parts.size() - 1)).complete()).isFalse();
    }

    @Test
    void theLastRangeAloneDoesNotDeliverTheObject() {
        assertThat(coverage(read("bytes=16777216-19999999", 3_222_784L)).complete()).isFalse();
        assertThat(coverage(read("bytes=-3222784", 3_222_784L)).deliveredBytes()).isEqualTo(3_222_784L);
    }

    @Test
    void rangesThatOverlapCountTheirBytesOnce() {
        DownloadCoverage twice = coverage(read("bytes=0-9999999", 10_000_000L), read("bytes=0-9999999", 10_000_000L));
        DownloadCoverage overlapping = coverage(read("bytes=0-12000000", null), read("bytes=8000000-", null));

        assertThat(twice.complete()).isFalse();
        assertThat(twice.deliveredBytes()).isEqualTo(10_000_000L);
        assertThat(overlapping.complete()).isTrue();
    }

    @Test
    void aRangedPartCutShortLeavesAGapThatALaterReadCanFill() {
        List<ObjectRead> parts = new ArrayList<>(awsCliParts(true));
        parts.set(1, read("bytes=8388608-16777215", 100L));

        assertThat(DownloadCoverage.of(SIZE, parts).complete()).isFalse();
        parts.add(read("bytes=8388708-16777215", PART - 100));
        assertThat(DownloadCoverage.of(SIZE, parts).complete()).isTrue();
    }

    @Test
    void partsWhoseEventsNameNoRangeDeliverTheObjectOnceTheirBytesAddUpToItsSize() {
        List<ObjectRead> parts = awsCliParts(false);

        assertThat(DownloadCoverage.of(SIZE, parts).complete()).isTrue();
        DownloadCoverage missingOne = DownloadCoverage.of(SIZE, parts.subList(1, parts.size()));
        assertThat(missingOne.complete()).isFalse();
        assertThat(missingOne.deliveredBytes()).isEqualTo(SIZE - PART);
    }

    @Test
    void whereEventsNameRangesAReadWithoutOneThatWasCutShortIsTheObjectsStart() {
        DownloadCoverage starts = coverage(read(null, 12_000_000L), read(null, 12_000_000L),
                read("bytes=0-99", 100L));

        assertThat(starts.complete()).isFalse();
        assertThat(starts.deliveredBytes()).isEqualTo(12_000_000L);
        assertThat(coverage(read(null, 12_000_000L), read("bytes=12000000-", 8_000_000L)).complete()).isTrue();
    }

    @Test
    void rangesItCannotPlaceDeliverNothing() {
        assertThat(coverage(read("bytes=0-99,19999900-19999999", 200L)).deliveredBytes()).isZero();
        assertThat(coverage(read("bytes=-", 0L)).deliveredBytes()).isZero();
        assertThat(coverage(read("pages=1-2", 0L)).deliveredBytes()).isZero();
        assertThat(coverage(read("bytes=30000000-", 0L)).deliveredBytes()).isZero();
        assertThat(coverage(read("bytes=500-100", 0L)).deliveredBytes()).isZero();
        assertThat(coverage(read("bytes=0-99999999999999999999999", null)).complete()).isTrue();
    }

    @Test
    void anyReadOfAnEmptyObjectDeliversItButNoReadDoesNot() {
        assertThat(DownloadCoverage.of(0, List.of(read(null, 0L))).complete()).isTrue();
        assertThat(DownloadCoverage.of(0, List.of(read("bytes=0-", 0L))).complete()).isTrue();
        assertThat(DownloadCoverage.of(0, List.of()).complete()).isFalse();
        assertThat(DownloadCoverage.of(SIZE, List.of()).complete()).isFalse();
    }

    @Test
    void rejectsANegativeSize() {
        assertThatThrownBy(() -> DownloadCoverage.of(-1, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("objectSize must not be negative, was -1");
    }
}
