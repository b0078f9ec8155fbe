package io.signalbox.processors;

/**
 * Input that can never succeed, however often it is retried: a malformed CSV, an invalid recipe, a file over a
 * limit. A job that meets one fails at once with {@link #getMessage()} as its reason; it is never retried.
 *
 * <p>Subclasses carry the location of the problem as fields so that callers can return it as structured data.
 */
public abstract class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one human-readable sentence that names the file, line and column (or JSON path), what was
     *     found and what was expected
     */
    protected BadInputException(String message) {
        super(message);
    }

    /**
     * @param message as in {@link #BadInputException(String)}
     * @param cause the lower-level failure that revealed the bad input
     */
    protected BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A stable machine-readable code for this kind of problem, such as {@code csv_format} or {@code recipe_invalid}.
     *
     * @return the code, lower snake case
     */
    public abstract String code();
}
