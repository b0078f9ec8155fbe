package io.signalbox.routes.ingest;

/**
 * Why a dropped file's job could not take its files, and so failed.
 *
 * @param code a stable code, such as {@code input_missing}
 * @param message the reason, for a person
 * @param file the file with the problem, as the partner named it, or {@code null} when the problem does not say
 * @param path the JSON path of the offending recipe element, or {@code null}
 * @param reported whether the reason is written into the partner's outbox; a drop superseded by a newer upload of the
 *     same name is not, since that upload's own job writes its files there
 */
public record DropFailure(String code, String message, String file, String path, boolean reported) {

    /**
     * @param code a stable code
     * @param message the reason
     * @return a failure whose reason goes into the outbox, about no file in particular
     */
    public static DropFailure of(String code, String message) {
        return new DropFailure(code, message, null, null, true);
    }
}
