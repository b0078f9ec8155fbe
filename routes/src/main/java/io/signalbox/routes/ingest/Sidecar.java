package io.signalbox.routes.ingest;

/**
 * A sidecar a data file may have in the inbox beside it, such as {@code NAME.recipe.json}.
 *
 * @param key its key in the inbox
 * @param name its name as the partner knows it, for messages
 */
public record Sidecar(String key, String name) {
}
