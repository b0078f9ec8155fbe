package io.signalbox.app.download;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void anAsciiNameIsQuotedAsItIs() {
        assertThat(ContentDisposition.attachment("prices.result.csv"))
                .isEqualTo("attachment; filename=\"prices.result.csv\"");
    }

    @Test
    void anyOtherNameGetsAnAsciiStandInAndItsExactSpellingInUtf8() {
        assertThat(ContentDisposition.attachment("prix \"été\".result.csv"))
                .isEqualTo("attachment; filename=\"prix __t__.result.csv\"; "
                        + "filename*=UTF-8''prix%20%22%C3%A9t%C3%A9%22.result.csv");
    }
}
