package io.signalbox.app.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.signalbox.processors.BadInputException;
import io.signalbox.processors.csv.CsvFormatException;
import io.signalbox.processors.recipe.RecipeException;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code NAME.error.json} a failed drop leaves in its partner's outbox: the same code and reason the REST API
 * gives for the job, with the place of the problem as fields. Absent values are left out.
 *
 * @param error a stable code: {@code csv_format}, {@code recipe_invalid}, {@code key_invalid}, …
 * @param message the reason, for a person: what was found and what was expected, and where
 * @param file the file with the problem, as the partner named it, or {@code null}
 * @param line the 1-based line with the problem, or {@code null}
 * @param column the column with the problem, or {@code null}
 * @param path the JSON path of the offending recipe element, or {@code null}
 * @param object the key the file was dropped under
 * @param job the job's id, as the REST API knows it
 * @param failedAt when the job failed
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboxError(String error, String message, @Nullable String file, @Nullable Long line,
        @Nullable String column, @Nullable String path, String object, String job, Instant failedAt) {

    /**
     * @param job the failed job's id
     * @param object the key its file was dropped under
     * @param code the failure's code
     * @param message the failure's reason
     * @param file the file the problem is in, or {@code null} when the problem does not say
     * @param cause the bad input that failed the job, whose location fields are copied, or {@code null}
     * @param failedAt when the job failed
     * @return the document
     */
    public static OutboxError of(UUID job, String object, String code, String message, @Nullable String file,
            @Nullable BadInputException cause, Instant failedAt) {
        if (cause instanceof CsvFormatException csv) {
            return new OutboxError(code, message, csv.file(), csv.line(), csv.column(), null, object, job.toString(),
                    failedAt);
        }
        String path = cause instanceof RecipeException recipe ? recipe.path() : null;
        return new OutboxError(code, message, file, null, null, path, object, job.toString(), failedAt);
    }

    /**
     * @param job the failed job's id
     * @param object the key its file was dropped under
     * @param code the failure's code
     * @param message the failure's reason
     * @param file the file the problem is in, or {@code null} when the problem does not say
     * @param path the JSON path of the offending recipe element, or {@code null}
     * @param failedAt when the job failed
     * @return the document of a drop that failed before its job ran
     */
    public static OutboxError ofIntake(UUID job, String object, String code, String message, @Nullable String file,
            @Nullable String path, Instant failedAt) {
        return new OutboxError(code, message, file, null, null, path, object, job.toString(), failedAt);
    }
}
