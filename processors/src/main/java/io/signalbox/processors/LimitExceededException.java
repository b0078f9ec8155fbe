package io.signalbox.processors;

/**
 * Input that goes past one of the engine's limits: a line longer than the cap, more columns or rows or symbols than
 * allowed, a gzip stream that expands too far. The message names the file, the line where the limit was passed, the
 * limit and how to stay within it.
 */
public final class LimitExceededException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String limit;

    /**
     * @param file the file's name as the user knows it
     * @param line the 1-based line where the limit was passed, or 0 when it was not at a line
     * @param limit the limit's name, such as {@code max_line_bytes}
     * @param reason what was found and what the limit is
     */
    public LimitExceededException(String file, long line, String limit, String reason) {
        super(file + (line > 0 ? " line " + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.limit = limit;
    }

    /**
     * @return the file's name
     */
    public String file() {
        return file;
    }

    /**
     * @return the 1-based line, or 0
     */
    public long line() {
        return line;
    }

    /**
     * @return the limit's name, such as {@code max_line_bytes}
     */
    public String limit() {
        return limit;
    }

    @Override
    public String code() {
        return "limit_exceeded";
    }
}
