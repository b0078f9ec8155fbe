package io.signalbox.routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Only the version of an inbox object that was taken leaves the inbox. */
class TakenVersionsTest {

    private final TakenVersions versions = new TakenVersions();

    @Test
    void theVersionTakenLeavesWhetherOrNotItsETagIsQuoted() {
        InboxObject taken = new InboxObject("inbox/acme/prices.csv", "abc-12", "moved-into-job");

        assertThat(versions.stillTaken(taken, head("\"abc-12\""))).isTrue();
        assertThat(versions.stillTaken(taken, head("abc-12"))).isTrue();
    }

    @Test
    void aNewerUploadOfTheSameNameStays() {
        InboxObject taken = new InboxObject("inbox/acme/prices.csv", "abc-12", "moved-into-job");

        assertThat(versions.stillTaken(taken, head("\"def-3\""))).isFalse();
    }

    @Test
    void anObjectGoneAlreadyHasNothingToDelete() {
        assertThat(versions.stillTaken(new InboxObject("inbox/acme/prices.csv", "abc-12", "failed"), null)).isFalse();
    }

    @Test
    void anObjectTakenWithoutAKnownETagLeavesInAnyVersion() {
        assertThat(versions.stillTaken(new InboxObject("inbox/acme/prices.csv", null, "rejected"), head("\"x\"")))
                .isTrue();
    }

    private static HeadObjectResponse head(String eTag) {
        return HeadObjectResponse.builder().eTag(eTag).build();
    }
}
