package io.signalbox.routes.process;

import io.signalbox.processors.BadInputException;

/** The prices file as stored is not the file its owner declared: its SHA-256 differs from the declared one. */
public final class InputChecksumException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String declared;
    private final String actual;

    /**
     * @param fileName the file's name as its owner gave it
     * @param declared the SHA-256 the owner declared, lower-case hex
     * @param actual the SHA-256 of the bytes read, lower-case hex
     */
    public InputChecksumException(String fileName, String declared, String actual) {
        super(fileName + ": the SHA-256 of the uploaded file is " + actual + ", but " + declared
                + " was declared for it; the file changed or was damaged on its way, upload it again");
        this.declared = declared;
        this.actual = actual;
    }

    @Override
    public String code() {
        return "checksum_mismatch";
    }

    /**
     * @return the SHA-256 the owner declared
     */
    public String declared() {
        return declared;
    }

    /**
     * @return the SHA-256 of the bytes read
     */
    public String actual() {
        return actual;
    }
}
