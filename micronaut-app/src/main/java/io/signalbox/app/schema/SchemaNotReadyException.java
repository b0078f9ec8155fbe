package io.signalbox.app.schema;

/** The database did not reach the schema this process needs within the time it waits. */
public final class SchemaNotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which migrations are missing and how long the process waited
     */
    public SchemaNotReadyException(String message) {
        super(message);
    }
}
