package io.signalbox.app.api;

import io.micronaut.http.HttpStatus;

/** A request that cannot be served as asked, answered with its status and an {@link ApiError}. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;

    /**
     * @param status the answer's status
     * @param code the error code
     * @param message what went wrong, for a person
     */
    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /**
     * @return the answer's status
     */
    public HttpStatus status() {
        return status;
    }

    /**
     * @return the error code
     */
    public String code() {
        return code;
    }

    /**
     * @param what what was not found, such as {@code job 5f0…}
     * @return a 404
     */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " does not exist");
    }
}
