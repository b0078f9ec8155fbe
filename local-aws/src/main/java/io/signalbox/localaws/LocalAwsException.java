package io.signalbox.localaws;

/** A local S3 or SQS server could not start, e.g. because its port is taken or its data folder is not writable. */
public final class LocalAwsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not start and why
     * @param cause the underlying failure
     */
    public LocalAwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
