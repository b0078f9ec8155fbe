package io.signalbox.routes.ingest;

/** Comparing S3 ETags: S3 answers them in quotes, and its event notifications carry them without. */
public final class ETags {

    private ETags() {
    }

    /**
     * @param stored the ETag storage answers now
     * @param announced the ETag an event announced, or {@code null} when it did not say; an unknown one matches any
     * @return whether both name the same version
     */
    public static boolean same(String stored, String announced) {
        return announced == null || unquoted(announced).equals(unquoted(stored));
    }

    private static String unquoted(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }
}
