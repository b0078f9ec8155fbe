package io.signalbox.routes.storage;

/**
 * S3 ETags as they come and go: S3 answers them in quotes, its event notifications and Camel's bean parameters carry
 * them without, and conditions such as {@code If-Match} want the quotes.
 */
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

    /**
     * @param eTag an ETag, in quotes or not, or {@code null}
     * @return it in quotes, as a condition wants it; {@code null} for {@code null}
     */
    public static String quoted(String eTag) {
        return eTag == null || eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
    }

    /**
     * @param eTag an ETag, in quotes or not, or {@code null}
     * @return it without quotes; {@code null} for {@code null}
     */
    public static String unquoted(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }
}
