package io.signalbox.processors.recipe;

import java.util.Set;

/**
 * Reads recipes: built-in presets by name, or JSON documents.
 *
 * <p>Placeholder until the engine lands: knows only the {@code default} preset.
 */
public final class Recipes {

    private static final Set<String> PRESETS = Set.of("default");

    private Recipes() {
    }

    /**
     * @param name a preset's name
     * @return the preset
     * @throws RecipeException when no preset has that name
     */
    public static Recipe preset(String name) {
        if (!PRESETS.contains(name)) {
            throw new RecipeException("$", "unknown preset \"" + name + "\"; expected one of " + PRESETS);
        }
        return new Recipe(name);
    }

    /**
     * @param json a recipe document
     * @return the validated recipe
     * @throws RecipeException when the document is not a valid recipe
     */
    public static Recipe parse(String json) {
        if (json.isBlank()) {
            throw new RecipeException("$", "empty document; expected a JSON object");
        }
        return new Recipe("custom");
    }
}
