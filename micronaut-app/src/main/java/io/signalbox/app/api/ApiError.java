package io.signalbox.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of every error answer, an RFC 9457 problem detail ({@code application/problem+json}): a stable type and
 * code, a sentence for a person, and where the problem is when it is in the caller's input.
 *
 * @param type a URI that names the kind of problem, stable per {@code error} code
 * @param title a short summary of the kind of problem, the same for every occurrence of its code
 * @param status the answer's HTTP status
 * @param detail what went wrong this time, for a person
 * @param error a stable machine-readable code, lower snake case
 * @param path the JSON path of the offending recipe element, or {@code null}
 * @param file the file with the problem, or {@code null}
 * @param line the 1-based line with the problem, or {@code null}
 * @param column the column with the problem, or {@code null}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem detail; every error answer has this shape.")
public record ApiError(
        @Schema(example = "tag:signalbox,2025:problem/recipe_invalid") String type,
        @Schema(example = "Invalid recipe") String title,
        @Schema(example = "422") int status,
        @Schema(example = "recipe $.indicators[0].window: -3 is out of range; expected an integer from 1 to 100000")
        String detail,
        @Schema(example = "recipe_invalid") String error,
        @Schema(example = "$.indicators[0].window") @Nullable String path,
        @Schema(example = "prices.csv") @Nullable String file,
        @Schema(example = "17") @Nullable Long line,
        @Schema(example = "close") @Nullable String column) {

    /** The media type of a problem detail. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * @param status the answer's status
     * @param code the error code
     * @param detail what went wrong, for a person
     * @return the problem, with its type and title taken from the code
     */
    public static ApiError of(HttpStatus status, String code, String detail) {
        return located(status, code, detail, null, null, null, null);
    }

    /**
     * @param status the answer's status
     * @param code the error code
     * @param detail what went wrong, for a person
     * @param path the JSON path of the offending recipe element, or {@code null}
     * @param file the file with the problem, or {@code null}
     * @param line the 1-based line with the problem, or {@code null}
     * @param column the column with the problem, or {@code null}
     * @return the problem, with its type and title taken from the code
     */
    public static ApiError located(HttpStatus status, String code, String detail, @Nullable String path,
            @Nullable String file, @Nullable Long line, @Nullable String column) {
        return new ApiError(ProblemTypes.type(code), ProblemTypes.title(code, status), status.getCode(), detail, code,
                path, file, line, column);
    }

    /**
     * @return an answer with this problem's status, media type and body
     */
    public MutableHttpResponse<ApiError> toResponse() {
        return HttpResponse.<ApiError>status(HttpStatus.valueOf(status)).contentType(MEDIA_TYPE).body(this);
    }
}
