package io.signalbox.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every error answer: a stable code, a sentence for a person, and where the problem is when it is in
 * the caller's input.
 *
 * @param error a stable machine-readable code, lower snake case
 * @param message what went wrong, for a person
 * @param path the JSON path of the offending recipe element, or {@code null}
 * @param file the file with the problem, or {@code null}
 * @param line the 1-based line with the problem, or {@code null}
 * @param column the column with the problem, or {@code null}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, @Nullable String path, @Nullable String file,
        @Nullable Long line, @Nullable String column) {

    /**
     * @param error the code
     * @param message the sentence
     */
    public ApiError(String error, String message) {
        this(error, message, null, null, null, null);
    }
}
