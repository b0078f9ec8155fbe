package io.signalbox.processors.recipe;

import io.signalbox.processors.BadInputException;

/** A recipe that is not valid JSON, names an unknown key, or asks for something impossible. */
public final class RecipeException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path the JSON path of the offending element, such as {@code $.indicators[2].window}
     * @param message what was found and what was expected
     */
    public RecipeException(String path, String message) {
        super("recipe " + path + ": " + message);
        this.path = path;
    }

    /**
     * @return the JSON path of the offending element
     */
    public String path() {
        return path;
    }

    @Override
    public String code() {
        return "recipe_invalid";
    }
}
