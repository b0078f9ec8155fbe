package io.signalbox.processors.indicator;

import java.util.List;

/**
 * A return of the close over {@code period} bars, in column {@code <name>_<period>}; a subclass computes it in
 * {@link #update} from the close and {@link #closes}' oldest, the close {@code period} bars earlier.
 */
abstract sealed class PeriodReturn extends AbstractIndicator permits LogReturn, SimpleReturn {

    /** The last {@code period} closes, before the current one. */
    final DoubleRing closes;

    PeriodReturn(String name, int period) {
        super(List.of(name + "_" + period), period);
        this.closes = new DoubleRing(period);
    }
}
