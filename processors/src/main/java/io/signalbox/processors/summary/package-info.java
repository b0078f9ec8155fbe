/**
 * Summary figures: {@link io.signalbox.processors.summary.SeriesTotals} per symbol or pooled, turned into
 * {@link io.signalbox.processors.summary.Performance} by the formulas of {@code docs/summary.md}.
 */
package io.signalbox.processors.summary;
