package io.signalbox.localaws;

import java.util.List;

/** Events for keys under any of the prefixes go to the queue. */
record EventRoute(String setting, List<String> prefixes, String queueName) {

    static EventRoute of(String setting, List<String> prefixes, String queueName) {
        if (prefixes == null || prefixes.isEmpty()) {
            throw new IllegalArgumentException(setting + ": at least one key prefix is required");
        }
        for (String prefix : prefixes) {
            if (prefix == null || prefix.isEmpty() || prefix.startsWith("/")) {
                throw new IllegalArgumentException(setting + ": a prefix must be a non-empty key prefix without a"
                        + " leading '/', was: " + prefix);
            }
        }
        if (queueName == null || queueName.isBlank()) {
            throw new IllegalArgumentException(setting + ": queue name must not be blank");
        }
        return new EventRoute(setting, List.copyOf(prefixes), queueName);
    }

    boolean matches(String key) {
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
