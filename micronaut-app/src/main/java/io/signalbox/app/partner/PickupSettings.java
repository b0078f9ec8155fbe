package io.signalbox.app.partner;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How partners' pickups are treated.
 *
 * @param grace how long a result stays after its partner read it, so that an interrupted download can be retried
 *     ({@code SIGNALBOX_PICKUP_GRACE}, e.g. {@code 10m} or {@code 5s}); a result the partner deletes goes at once
 */
@ConfigurationProperties("signalbox.pickup")
public record PickupSettings(@NotNull Duration grace) {
}
