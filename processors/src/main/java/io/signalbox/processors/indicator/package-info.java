/**
 * Technical indicators computed bar by bar over one series, with TA-Lib's conventions. The entry point is
 * {@link io.signalbox.processors.indicator.Indicators}: it lists the types, describes their parameters
 * ({@link io.signalbox.processors.indicator.IndicatorSpec}, {@link io.signalbox.processors.indicator.ParameterSpec})
 * and creates an {@link io.signalbox.processors.indicator.Indicator} per symbol, or throws an
 * {@link io.signalbox.processors.indicator.IndicatorParameterException} naming the parameter it cannot use.
 * Definitions, column names and conformance are documented in {@code docs/indicators.md}.
 */
package io.signalbox.processors.indicator;
