package io.signalbox.app.job;

import java.util.Optional;
import java.util.UUID;

/** Job ids as they appear in URLs, keys and messages. */
final class JobIds {

    private JobIds() {
    }

    /**
     * @param text a job id as text
     * @return the id, or empty when the text is not one
     */
    static Optional<UUID> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
