/**
 * The entry point: {@link io.signalbox.processors.engine.SignalEngine} runs a recipe over an
 * {@link io.signalbox.processors.engine.EngineInput} in one streaming pass and returns an
 * {@link io.signalbox.processors.engine.EngineReport}.
 */
package io.signalbox.processors.engine;
