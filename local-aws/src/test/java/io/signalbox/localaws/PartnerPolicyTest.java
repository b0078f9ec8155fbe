package io.signalbox.localaws;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.S3Exception;

class PartnerPolicyTest {

    private static final LocalAws.PartnerCredentials ACME = new LocalAws.PartnerCredentials("acme", "acme-key", "acme-secret");
    private final PartnerPolicy policy = new PartnerPolicy("signalbox", ACME, S3Identity.partner(ACME));

    @Test
    void allowsWritingOnlyUnderItsInbox() {
        assertThatCode(() -> policy.checkWrite("s3:PutObject", "signalbox", "inbox/acme/sub/folder/x.csv"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkWrite("s3:PutObject", "signalbox", "outbox/acme/x.csv"))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("on resource: \"arn:aws:s3:::signalbox/outbox/acme/x.csv\"")
                .hasMessageContaining("s3:PutObject is allowed only under inbox/acme/");
        assertThatThrownBy(() -> policy.checkWrite("s3:PutObject", "signalbox", "inbox/acmecorp/x.csv"))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("s3:PutObject is allowed only under inbox/acme/");
    }

    @Test
    void allowsReadingItsInboxAndOutboxAndDeletingOnlyFromItsOutbox() {
        assertThatCode(() -> {
            policy.checkRead("s3:GetObject", "signalbox", "inbox/acme/x.csv");
            policy.checkRead("s3:GetObject", "signalbox", "outbox/acme/x.result.csv");
            policy.checkDelete("s3:DeleteObject", "signalbox", "outbox/acme/x.result.csv");
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkDelete("s3:DeleteObject", "signalbox", "inbox/acme/x.csv"))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("s3:DeleteObject is allowed only under outbox/acme/");
    }

    @Test
    void refusesAnotherBucketAndKeysWithDotSegments() {
        assertThatThrownBy(() -> policy.checkRead("s3:GetObject", "other", "inbox/acme/x.csv"))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("the bucket is signalbox");
        assertThatThrownBy(() -> policy.checkWrite("s3:PutObject", "signalbox", "inbox/acme/../globex/x.csv"))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("keys with '.' or '..' path segments are not accepted here");
        assertThatThrownBy(() -> policy.checkWrite("s3:PutObject", "signalbox", "inbox/acme/./x.csv"))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("path segments");
    }

    @Test
    void allowsListingOnlyWithAPrefixUnderItsFolders() {
        assertThatCode(() -> policy.checkList("signalbox", "outbox/acme/")).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkList("signalbox", "inbox/acme/2026-")).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkList("signalbox", "inbox/"))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("s3:ListBucket on resource: \"arn:aws:s3:::signalbox\"")
                .hasMessageContaining("the request's prefix was inbox/");
        assertThatThrownBy(() -> policy.checkList("signalbox", null))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("the request's prefix was none");
    }
}
