package io.signalbox.routes.pickup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectReadTest {

    private static final long SIZE = 20_000_000;

    private static ObjectRead read(String range, Long bytesOut) {
        return new ObjectRead("signalbox", "outbox/acme/prices.result.csv", range, bytesOut, null);
    }

    @Test
    void aWholeObjectReadThatSentEveryByteCompletesTheDownload() {
        assertThat(read(null, SIZE).completesDownloadOf(SIZE)).isTrue();
        assertThat(read(null, null).completesDownloadOf(SIZE)).isTrue();
    }

    @Test
    void aWholeObjectReadCutShortDoesNotComplete() {
        assertThat(read(null, 4_194_304L).completesDownloadOf(SIZE)).isFalse();
    }

    @Test
    void theLastRangeOfARangedDownloadCompletesIt() {
        assertThat(read("bytes=16777216-19999999", 3_222_784L).completesDownloadOf(SIZE)).isTrue();
        assertThat(read("bytes=16777216-", 3_222_784L).completesDownloadOf(SIZE)).isTrue();
        assertThat(read("bytes=-3222784", 3_222_784L).completesDownloadOf(SIZE)).isTrue();
        assertThat(read("bytes=16777216-25165823", 3_222_784L).completesDownloadOf(SIZE)).isTrue();
    }

    @Test
    void aRangeThatCoversTheWholeObjectCompletesIt() {
        assertThat(read("bytes=0-", SIZE).completesDownloadOf(SIZE)).isTrue();
        assertThat(read("bytes=0-19999999", SIZE).completesDownloadOf(SIZE)).isTrue();
    }

    @Test
    void anInnerRangeSeveralRangesOrALastRangeCutShortDoNotComplete() {
        assertThat(read("bytes=0-8388607", 8_388_608L).completesDownloadOf(SIZE)).isFalse();
        assertThat(read("bytes=0-99,19999900-19999999", 200L).completesDownloadOf(SIZE)).isFalse();
        assertThat(read("bytes=16777216-19999999", 1_000L).completesDownloadOf(SIZE)).isFalse();
        assertThat(read("bytes=-", 0L).completesDownloadOf(SIZE)).isFalse();
        assertThat(read("pages=1-2", 0L).completesDownloadOf(SIZE)).isFalse();
    }

    @Test
    void aRangeStartingPastTheEndDoesNotComplete() {
        assertThat(read("bytes=30000000-", 0L).completesDownloadOf(SIZE)).isFalse();
    }

    @Test
    void anyReadOfAnEmptyObjectCompletesIt() {
        assertThat(read(null, 0L).completesDownloadOf(0)).isTrue();
        assertThat(read("bytes=0-", 0L).completesDownloadOf(0)).isTrue();
    }
}
