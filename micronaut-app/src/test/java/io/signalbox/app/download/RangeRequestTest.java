package io.signalbox.app.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangeRequestTest {

    private static final String TAG = "\"" + "ab".repeat(32) + "\"";
    private static final long LENGTH = 1000;

    @Test
    void sendsTheWholeRepresentationWithoutARange() {
        assertThat(RangeRequest.evaluate(null, null, TAG, LENGTH)).isNull();
        assertThat(RangeRequest.evaluate("  ", null, TAG, LENGTH)).isNull();
    }

    @Test
    void readsTheThreeFormsOfOneByteRange() {
        assertThat(RangeRequest.evaluate("bytes=0-499", null, TAG, LENGTH)).isEqualTo(new ByteRange(0, 499));
        assertThat(RangeRequest.evaluate("bytes=500-", null, TAG, LENGTH)).isEqualTo(new ByteRange(500, 999));
        assertThat(RangeRequest.evaluate("bytes=-100", null, TAG, LENGTH)).isEqualTo(new ByteRange(900, 999));
        assertThat(RangeRequest.evaluate("Bytes = 10 - 19", null, TAG, LENGTH)).isEqualTo(new ByteRange(10, 19));
    }

    @Test
    void clampsARangeThatRunsPastTheEnd() {
        assertThat(RangeRequest.evaluate("bytes=900-5000", null, TAG, LENGTH)).isEqualTo(new ByteRange(900, 999));
        assertThat(RangeRequest.evaluate("bytes=-5000", null, TAG, LENGTH)).isEqualTo(new ByteRange(0, 999));
        assertThat(RangeRequest.evaluate("bytes=0-99999999999999999999999", null, TAG, LENGTH))
                .isEqualTo(new ByteRange(0, 999));
    }

    @Test
    void refusesARangeThatSelectsNoByteNamingWhatTheResultHas() {
        assertThatThrownBy(() -> RangeRequest.evaluate("bytes=1000-", null, TAG, LENGTH))
                .isInstanceOf(UnsatisfiableRangeException.class)
                .hasMessage("Range \"bytes=1000-\" starts at byte 1000, past the last byte of the 1000 the result has"
                        + " (bytes are counted from 0)")
                .extracting(e -> ((UnsatisfiableRangeException) e).representationLength()).isEqualTo(LENGTH);
        assertThatThrownBy(() -> RangeRequest.evaluate("bytes=-0", null, TAG, LENGTH))
                .isInstanceOf(UnsatisfiableRangeException.class).hasMessageContaining("selects no byte");
        assertThatThrownBy(() -> RangeRequest.evaluate("bytes=0-", null, TAG, 0))
                .isInstanceOf(UnsatisfiableRangeException.class);
        assertThatThrownBy(() -> RangeRequest.evaluate("bytes=99999999999999999999-", null, TAG, LENGTH))
                .isInstanceOf(UnsatisfiableRangeException.class);
    }

    @Test
    void refusesWhatIsNoByteRangeSayingWhatIsExpected() {
        assertThatThrownBy(() -> RangeRequest.evaluate("bytes=abc", null, TAG, LENGTH))
                .isInstanceOf(UnsatisfiableRangeException.class)
                .hasMessage("Range \"bytes=abc\" is not a byte range; expected bytes=FIRST-LAST, bytes=FIRST- or"
                        + " bytes=-COUNT");
        assertThatThrownBy(() -> RangeRequest.evaluate("bytes=-", null, TAG, LENGTH))
                .isInstanceOf(UnsatisfiableRangeException.class);
        assertThatThrownBy(() -> RangeRequest.evaluate("bytes=20-10", null, TAG, LENGTH))
                .isInstanceOf(UnsatisfiableRangeException.class).hasMessageContaining("ends before it starts");
    }

    @Test
    void ignoresOtherUnitsAndSeveralRanges() {
        assertThat(RangeRequest.evaluate("items=0-5", null, TAG, LENGTH)).isNull();
        assertThat(RangeRequest.evaluate("bytes=0-5,10-15", null, TAG, LENGTH)).isNull();
        assertThat(RangeRequest.evaluate("nonsense", null, TAG, LENGTH)).isNull();
    }

    @Test
    void honoursTheRangeOnlyWhenIfRangeMatchesTheEntityTagExactly() {
        assertThat(RangeRequest.evaluate("bytes=10-19", TAG, TAG, LENGTH)).isEqualTo(new ByteRange(10, 19));
        assertThat(RangeRequest.evaluate("bytes=10-19", "\"other\"", TAG, LENGTH)).isNull();
        assertThat(RangeRequest.evaluate("bytes=10-19", "W/" + TAG, TAG, LENGTH)).isNull();
        assertThat(RangeRequest.evaluate("bytes=10-19", "Wed, 21 Oct 2015 07:28:00 GMT", TAG, LENGTH)).isNull();
        assertThat(RangeRequest.evaluate("bytes=10-19", TAG, null, LENGTH)).isNull();
    }

    @Test
    void describesTheRangeForTheAnswerAndTheReadLedger() {
        ByteRange range = new ByteRange(100, 199);
        assertThat(range.length()).isEqualTo(100);
        assertThat(range.contentRange(1000)).isEqualTo("bytes 100-199/1000");
        assertThat(range.asRangeHeader()).isEqualTo("bytes=100-199");
    }
}
