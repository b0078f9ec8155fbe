package io.signalbox.routes.common;

/** A queue message that is not the event it should be; it goes to the dead-letter queue for an operator. */
public final class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong with the message
     * @param cause the parser's failure, or {@code null}
     */
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
