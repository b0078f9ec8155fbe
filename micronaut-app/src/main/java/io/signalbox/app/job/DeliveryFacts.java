package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What a job's view shows beside the job row, from its result delivery.
 *
 * @param objectKey the key the job's file was dropped under, or {@code null} when it was uploaded
 * @param pickedUpAt when the partner last picked up the result, or {@code null}
 */
public record DeliveryFacts(@Nullable String objectKey, @Nullable Instant pickedUpAt) {

    /** Nothing beside the job row. */
    public static final DeliveryFacts NONE = new DeliveryFacts(null, null);
}
