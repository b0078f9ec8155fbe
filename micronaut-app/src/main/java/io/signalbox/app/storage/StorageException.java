package io.signalbox.app.storage;

/** Object storage could not do what was asked; transient as far as the caller can tell. */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StorageException(Exception cause) {
        super("object storage failed: " + cause.getMessage(), cause);
    }
}
