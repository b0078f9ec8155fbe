/**
 * Signal rules: {@link io.signalbox.processors.signal.SignalRules} made of
 * {@link io.signalbox.processors.signal.Condition}s, evaluated per bar by
 * {@link io.signalbox.processors.signal.CompiledRules}.
 */
package io.signalbox.processors.signal;
