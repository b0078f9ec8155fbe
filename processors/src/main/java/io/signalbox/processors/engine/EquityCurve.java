package io.signalbox.processors.engine;

/**
 * A downsampled equity and drawdown curve of one symbol, in memory bounded whatever the number of bars, which is not
 * known in advance: bars are kept at a stride, starting with every bar; when the points fill the capacity, every
 * other point is dropped and the stride doubles. The last bar is always kept too. The kept bars are evenly spaced by
 * bar count (bars 0, k, 2k, ... with k a power of two) and are at most {@code capacity} points with the last.
 */
final class EquityCurve {

    /** Points per symbol in the summary. */
    static final int MAX_POINTS = 2_000;

    private final long[] millis;
    private final double[] equity;
    private final double[] drawdown;
    private int size;
    private long stride = 1;
    private long untilNext = 1;
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
        if (--untilNext == 0) {
            if (size == millis.length) {
                halve();
            }
            untilNext = stride;
            if (bars % stride == 0) {
                millis[size] = time;
                equity[size] = e;
                drawdown[size] = d;
                size++;
            } else {
                untilNext = stride - bars % stride;
            }
        }
        bars++;
        lastMillis = time;
        lastEquity = e;
        lastDrawdown = d;
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
        if (bars == 0) {
            return 0;
        }
        return lastKept() ? size : size + 1;
    }

    private boolean lastKept() {
        return (bars - 1) % stride == 0 && (bars - 1) / stride == size - 1;
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
