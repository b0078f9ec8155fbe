/** Deterministic sample data: {@link io.signalbox.processors.sample.SamplePrices}. */
package io.signalbox.processors.sample;
