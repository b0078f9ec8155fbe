package io.signalbox.app.download;

/** A {@code Range} that selects none of the representation's bytes, or is no byte range at all: answered 416. */
public final class UnsatisfiableRangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long representationLength;

    /**
     * @param message what was asked and what the representation has
     * @param representationLength the length of the whole representation, for the answer's {@code Content-Range}
     */
    UnsatisfiableRangeException(String message, long representationLength) {
        super(message);
        this.representationLength = representationLength;
    }

    /**
     * @return the length of the whole representation
     */
    public long representationLength() {
        return representationLength;
    }
}
