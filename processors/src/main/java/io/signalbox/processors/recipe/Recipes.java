package io.signalbox.processors.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads recipes: built-in presets by name, or JSON documents ({@code "version": 1}). Validation happens here,
 * before any data is read: unknown keys, wrong types and impossible parameters are refused with the JSON path of the
 * offending element. The format is described in {@code docs/recipes.md} and by the JSON Schema
 * {@code recipe.schema.json} next to this class.
 */
public final class Recipes {

    /** The names of the built-in presets. */
    public static final List<String> PRESETS = List.of("default", "indicators");

    private Recipes() {
    }

    /**
     * @param name a preset's name
     * @return the preset
     * @throws RecipeException when no preset has that name
     */
    public static Recipe preset(String name) {
        if (name == null || !PRESETS.contains(name)) {
            throw new RecipeException("$", "unknown preset \"" + name + "\"; expected one of " + PRESETS);
        }
        return RecipeParser.parse(presetJson(name), name);
    }

    /**
     * @param name a preset's name from {@link #PRESETS}
     * @return the preset's JSON document
     * @throws RecipeException when no preset has that name
     */
    public static String presetJson(String name) {
        if (name == null || !PRESETS.contains(name)) {
            throw new RecipeException("$", "unknown preset \"" + name + "\"; expected one of " + PRESETS);
        }
        try (InputStream in = Recipes.class.getResourceAsStream("presets/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("preset " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param json a recipe document
     * @return the validated recipe
     * @throws RecipeException when the document is not a valid recipe; its path names the offending element
     */
    public static Recipe parse(String json) {
        return RecipeParser.parse(json, "custom");
    }
}
