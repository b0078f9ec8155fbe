package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request's {@code Range} and {@code If-Range} headers ask of a representation of known length and entity
 * tag, as RFC 9110 §14 defines them, for one byte range: the range, or the whole representation, or nothing
 * (answered 416).
 *
 * <p>The whole representation is sent, and the {@code Range} ignored as RFC 9110 allows, when it names another unit
 * than bytes or several ranges (a {@code multipart/byteranges} answer is not offered), and when an
 * {@code If-Range} does not match the entity tag exactly: a date, a weak tag or another tag all mean the client's
 * partial copy may be of another representation.
 */
public final class RangeRequest {

    private static final Pattern UNIT = Pattern.compile("\\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\\s*=(.*)");
    private static final Pattern SPEC = Pattern.compile("\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    private RangeRequest() {
    }

    /**
     * @param range the {@code Range} header, or {@code null}
     * @param ifRange the {@code If-Range} header, or {@code null}
     * @param entityTag the representation's strong entity tag in quotes, or {@code null} when it has none
     * @param length the representation's length in bytes
     * @return the range to send, or {@code null} for the whole representation
     * @throws UnsatisfiableRangeException when the range selects none of the representation's bytes, or is not a
     *     byte range that can be read
     */
    @Nullable
    public static ByteRange evaluate(@Nullable String range, @Nullable String ifRange, @Nullable String entityTag,
            long length) {
        if (range == null || range.isBlank()) {
            return null;
        }
        if (ifRange != null && (entityTag == null || !ifRange.trim().equals(entityTag))) {
            return null;
        }
        Matcher unit = UNIT.matcher(range);
        if (!unit.matches() || !unit.group(1).toLowerCase(Locale.ROOT).equals("bytes")) {
            return null;
        }
        String set = unit.group(2);
        if (set.contains(",")) {
            return null;
        }
        Matcher spec = SPEC.matcher(set);
        if (!spec.matches() || spec.group(1).isEmpty() && spec.group(2).isEmpty()) {
            throw unsatisfiable(range, "is not a byte range; expected bytes=FIRST-LAST, bytes=FIRST- or bytes=-COUNT",
                    length);
        }
        if (spec.group(1).isEmpty()) {
            long suffix = number(spec.group(2));
            if (suffix == 0 || length == 0) {
                throw unsatisfiable(range, "selects no byte of the " + length + " the result has", length);
            }
            return new ByteRange(Math.max(0, length - suffix), length - 1);
        }
        long first = number(spec.group(1));
        if (!spec.group(2).isEmpty() && number(spec.group(2)) < first) {
            throw unsatisfiable(range, "ends before it starts", length);
        }
        if (first >= length) {
            throw unsatisfiable(range, "starts at byte " + spec.group(1) + ", past the last byte of the " + length
                    + " the result has (bytes are counted from 0)", length);
        }
        long last = spec.group(2).isEmpty() ? length - 1 : Math.min(number(spec.group(2)), length - 1);
        return new ByteRange(first, last);
    }

    /** Digits beyond a long's range are as far out as any representation can reach. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static UnsatisfiableRangeException unsatisfiable(String range, String why, long length) {
        String shown = range.length() > 100 ? range.substring(0, 100) + "…" : range;
        return new UnsatisfiableRangeException("Range \"" + shown + "\" " + why, length);
    }
}
