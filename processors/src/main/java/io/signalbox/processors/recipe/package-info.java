/**
 * What to compute: {@link io.signalbox.processors.recipe.Recipes} reads presets and JSON documents into validated
 * {@link io.signalbox.processors.recipe.Recipe}s; {@link io.signalbox.processors.recipe.RecipeException} names the
 * JSON path of a problem.
 */
package io.signalbox.processors.recipe;
