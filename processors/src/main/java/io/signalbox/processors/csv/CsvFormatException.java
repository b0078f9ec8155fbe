package io.signalbox.processors.csv;

import io.signalbox.processors.BadInputException;

/** A CSV file that does not have the shape it must have, with the place where that shows. */
public final class CsvFormatException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String column;
    private final String reason;

    /**
     * @param file the file's name as the user knows it
     * @param line the 1-based physical line where the problem is, or 0 when it is not at a known line
     * @param column the column's name from the header, or {@code null} when the problem is not in one column
     * @param reason what was found and what was expected
     */
    public CsvFormatException(String file, long line, String column, String reason) {
        super(file + (line > 0 ? " line " + line : "") + (column == null ? "" : ", column \"" + column + "\"")
                + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /**
     * @return the file's name
     */
    public String file() {
        return file;
    }

    /**
     * @return the 1-based line number
     */
    public long line() {
        return line;
    }

    /**
     * @return the column's name, or {@code null}
     */
    public String column() {
        return column;
    }

    /**
     * @return what was found and what was expected
     */
    public String reason() {
        return reason;
    }

    @Override
    public String code() {
        return "csv_format";
    }
}
