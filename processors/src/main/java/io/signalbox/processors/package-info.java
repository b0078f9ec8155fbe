/**
 * The signal engine. Its entry point is {@link io.signalbox.processors.engine.SignalEngine}; recipes are read with
 * {@link io.signalbox.processors.recipe.Recipes}. Every problem with the input is a
 * {@link io.signalbox.processors.BadInputException}.
 */
package io.signalbox.processors;
