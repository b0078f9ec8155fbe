package io.signalbox.processors.engine;

/**
 * A downsampled equity and drawdown curve of one symbol, in memory bounded whatever the number of bars, which is not
 * known in advance: bars are kept at a stride, starting with every bar; when the kept points fill the capacity less
 * one, every other point is dropped and the stride doubles. The latest bar is held apart and joins the kept points
 * when the next bar comes, so the last bar is always there and a symbol with at most {@code capacity} bars keeps every
 * bar. The kept bars are evenly spaced by bar count (bars 0, k, 2k, ... with k a power of two).
 */
final class EquityCurve {

    /** Points per symbol in the summary. */
    static final int MAX_POINTS = 2_000;

    private final long[] millis;
    private final double[] equity;
    private final double[] drawdown;
    private int size;
    private long stride = 1;
    private long bars;
    private long lastMillis;
    private double lastEquity;
    private double lastDrawdown;

    /**
     * @param capacity the most points, the last bar included; at least 2
     */
    EquityCurve(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        this.millis = new long[capacity - 1];
        this.equity = new double[capacity - 1];
        this.drawdown = new double[capacity - 1];
    }

    void add(long time, double e, double d) {
        if (bars > 0) {
            keepPrevious();
        }
        bars++;
        lastMillis = time;
        lastEquity = e;
        lastDrawdown = d;
    }

    /** The previous bar, held as the last one until now, joins the kept points if it is on the stride. */
    private void keepPrevious() {
        long index = bars - 1;
        if ((index & (stride - 1)) != 0) {
            return;
        }
        if (size == millis.length) {
            halve();
            if ((index & (stride - 1)) != 0) {
                return;
            }
        }
        millis[size] = lastMillis;
        equity[size] = lastEquity;
        drawdown[size] = lastDrawdown;
        size++;
    }

    private void halve() {
        int kept = (size + 1) / 2;
        for (int i = 1; i < kept; i++) {
            millis[i] = millis[2 * i];
            equity[i] = equity[2 * i];
            drawdown[i] = drawdown[2 * i];
        }
        size = kept;
        stride *= 2;
    }

    /** Points in the curve, the last bar included. */
    int points() {
        return bars == 0 ? 0 : size + 1;
    }

    long millis(int i) {
        return i < size ? millis[i] : lastMillis;
    }

    double equity(int i) {
        return i < size ? equity[i] : lastEquity;
    }

    double drawdown(int i) {
        return i < size ? drawdown[i] : lastDrawdown;
    }
}
