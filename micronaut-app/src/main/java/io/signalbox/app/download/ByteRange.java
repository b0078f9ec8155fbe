package io.signalbox.app.download;

/**
 * The bytes {@code first} to {@code last} (both included) of a representation, as one {@code Range} asks for them.
 *
 * @param first the first byte, from 0
 * @param last the last byte, at least {@code first}
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bytes " + first + "-" + last + " are not a range");
        }
    }

    /**
     * @return how many bytes the range holds
     */
    public long length() {
        return last - first + 1;
    }

    /**
     * @param representationLength the length of the whole representation
     * @return the {@code Content-Range} of a 206 answer, e.g. {@code bytes 0-499/1234}
     */
    public String contentRange(long representationLength) {
        return "bytes " + first + "-" + last + "/" + representationLength;
    }

    /**
     * @return the range as a {@code Range} header value, e.g. {@code bytes=0-499}
     */
    public String asRangeHeader() {
        return "bytes=" + first + "-" + last;
    }
}
