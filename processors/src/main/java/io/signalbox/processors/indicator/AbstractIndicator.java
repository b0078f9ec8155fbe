package io.signalbox.processors.indicator;

import java.util.List;

/**
 * An indicator whose column names and lookback are fixed when it is built; a subclass keeps only its state and
 * {@link #update}.
 */
abstract class AbstractIndicator implements Indicator {

    private final List<String> columns;
    private final int lookback;

    AbstractIndicator(List<String> columns, int lookback) {
        this.columns = columns;
        this.lookback = lookback;
    }

    @Override
    public final List<String> columns() {
        return columns;
    }

    @Override
    public final int lookback() {
        return lookback;
    }
}
