package io.signalbox.processors.recipe;

/**
 * A validated recipe: what to compute over a prices file.
 *
 * <p>Placeholder until the engine lands.
 *
 * @param name the preset's name, or {@code custom} for a JSON document
 */
public record Recipe(String name) {
}
