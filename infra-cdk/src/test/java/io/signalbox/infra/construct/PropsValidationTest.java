package io.signalbox.infra.construct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.Duration;

class PropsValidationTest {

    @Test
    void rejectsAQueueNameThatCannotCarryTheDlqSuffix() {
        assertThatThrownBy(() -> new WorkQueue.Props("x".repeat(77), Duration.seconds(60), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1 to 76 letters");
    }

    @Test
    void rejectsAVisibilityTimeoutAboveTwelveHours() {
        assertThatThrownBy(() -> new WorkQueue.Props("jobs", Duration.hours(13), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue 'jobs': visibility timeout 46800 s is invalid; expected 1 to 43200 s");
    }

    @Test
    void rejectsAZeroMaxReceiveCount() {
        assertThatThrownBy(() -> new WorkQueue.Props("jobs", Duration.seconds(60), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxReceiveCount 0 is invalid");
    }

    @Test
    void rejectsMemoryFargateDoesNotOfferForTheCpu() {
        assertThatThrownBy(() -> new TaskSize(1024, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fargate task memory 1024 MiB does not fit cpu 1024; expected 2048 to 8192 MiB in steps"
                        + " of 1024");
        assertThat(new TaskSize(256, 512).memoryMiB()).isEqualTo(512);
    }

    @Test
    void rejectsATaskRangeWithMinimumAboveMaximum() {
        assertThatThrownBy(() -> new TaskRange(3, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task range 3..2 is invalid");
    }

    @Test
    void parsesAPartnerWithItsOwnAccount() {
        assertThat(PartnerAccount.parse(" globex:444455556666 ")).isEqualTo(new PartnerAccount("globex", Optional.of("444455556666")));
        assertThat(PartnerAccount.parse("acme").inboxPrefix()).isEqualTo("inbox/acme/");
    }

    @Test
    void rejectsAPartnerNameThatWouldEscapeItsPrefix() {
        assertThatThrownBy(() -> PartnerAccount.parse("../acme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partner name '../acme' is invalid");
    }

    @Test
    void rejectsAPartnerAccountThatIsNotTwelveDigits() {
        assertThatThrownBy(() -> PartnerAccount.parse("acme:1234"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partner 'acme': account '1234' is invalid; expected 12 digits");
    }

    @Test
    void rejectsACertificateThatIsNotAnAcmArn() {
        assertThatThrownBy(() -> new PublicDomain("api.example.com", "arn:aws:iam::111122223333:role/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate ARN 'arn:aws:iam::111122223333:role/x' is invalid");
    }
}
