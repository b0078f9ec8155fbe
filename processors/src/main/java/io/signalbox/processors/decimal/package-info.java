/**
 * Numbers as ASCII bytes: {@link io.signalbox.processors.decimal.DecimalParser} reads them,
 * {@link io.signalbox.processors.decimal.DoubleFormatter} writes them in shortest round-trip form or rounded.
 */
package io.signalbox.processors.decimal;
