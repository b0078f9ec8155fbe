package io.signalbox.app.partner;

import io.signalbox.topology.BucketLayout;
import java.util.Optional;

/**
 * A file in a partner's outbox, {@code outbox/{partner}/NAME} and a suffix saying what it is.
 *
 * @param partner the partner whose outbox it is in
 * @param outboxName {@code outbox/{partner}/NAME}: the name the file belongs to, shared by the files of one job
 * @param kind what the file is
 */
record OutboxFile(String partner, String outboxName, Kind kind) {

    private static final String OUTBOX = BucketLayout.OUTBOX;

    /** What a file in the outbox is. */
    enum Kind {
        RESULT(".result.csv"),
        COMPRESSED_RESULT(".result.csv.gz"),
        PARQUET_RESULT(".result.parquet"),
        SUMMARY(".summary.json"),
        ERROR(".error.json");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * @param key an object key
     * @return the file, or empty when the key is not a result, summary or error file in a partner's outbox
     */
    static Optional<OutboxFile> parse(String key) {
        if (key == null || !key.startsWith(OUTBOX)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/', OUTBOX.length());
        if (slash <= OUTBOX.length()) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (key.endsWith(kind.suffix) && key.length() - kind.suffix.length() > slash + 1) {
                return Optional.of(new OutboxFile(key.substring(OUTBOX.length(), slash),
                        key.substring(0, key.length() - kind.suffix.length()), kind));
            }
        }
        return Optional.empty();
    }

    /**
     * @param outboxName {@code outbox/{partner}/NAME} of a dropped file
     * @param kind which of its files
     * @return the key of that file
     */
    static String key(String outboxName, Kind kind) {
        return outboxName + kind.suffix;
    }

    /**
     * @return whether the file is a job's result, in whichever form its recipe asked for
     */
    boolean isResult() {
        return kind == Kind.RESULT || kind == Kind.COMPRESSED_RESULT || kind == Kind.PARQUET_RESULT;
    }
}
