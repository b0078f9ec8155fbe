package io.signalbox.app.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.app.api.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryChoiceTest {

    @Test
    void preferReturnRedirectAsksForARedirectAmongOtherPreferencesAndInAnyCase() {
        assertThat(DeliveryChoice.of(null, List.of("return=redirect"))).isEqualTo(new DeliveryChoice(true, true));
        assertThat(DeliveryChoice.of(null, List.of("respond-async, wait=10", "Return = \"Redirect\"; x=1")))
                .isEqualTo(new DeliveryChoice(true, true));
    }

    @Test
    void noPreferenceOrAnotherReturnStreams() {
        assertThat(DeliveryChoice.of(null, List.of())).isEqualTo(new DeliveryChoice(false, false));
        assertThat(DeliveryChoice.of(null, List.of("return=representation", "redirect")))
                .isEqualTo(new DeliveryChoice(false, false));
    }

    @Test
    void theQueryParameterDecidesOverThePreferenceAndAppliesNone() {
        assertThat(DeliveryChoice.of("presigned", List.of())).isEqualTo(new DeliveryChoice(true, false));
        assertThat(DeliveryChoice.of("stream", List.of("return=redirect"))).isEqualTo(new DeliveryChoice(false, false));
    }

    @Test
    void anUnknownDeliveryIsA400NamingItAndWhatIsExpected() {
        assertThatThrownBy(() -> DeliveryChoice.of("s3", List.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(400))
                .hasMessage("delivery is \"s3\"; expected \"presigned\" (a redirect to a presigned URL) or \"stream\""
                        + " (the result in the answer)");
    }
}
