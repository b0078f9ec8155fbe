package io.signalbox.local;

/** Local mode cannot start for a reason the user can fix; the message says what was found and what to do. */
public final class LocalModeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LocalModeException(String message) {
        super(message);
    }

    LocalModeException(String message, Throwable cause) {
        super(message, cause);
    }
}
