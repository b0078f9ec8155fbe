package io.signalbox.processors.indicator;

/**
 * Mean and variance of the last {@code length} values of a series, O(1) per value.
 *
 * <p>The variance comes from sums of deviations from a pivot, a value taken from the window itself, rather than
 * from {@code E[x²] - mean²}: the latter cancels catastrophically when the spread is small against the level (a
 * z-score of prices near 1e6 that move by 1e-3). The pivot is re-chosen and the sums rebuilt from the window every
 * {@code length} values, which costs O(1) amortised and keeps the pivot within the window, so that its distance
 * from the mean never exceeds the window's range. All sums are compensated, so nothing drifts with the length of
 * the series.
 *
 * <p>A NaN in the window is held and counted but not summed; {@link #complete()} says whether the window is full
 * and free of them.
 */
final class RollingMoments {

    private final DoubleRing window;
    private final CompensatedSum sum = new CompensatedSum();
    private final CompensatedSum deviations = new CompensatedSum();
    private final CompensatedSum squaredDeviations = new CompensatedSum();
    private double pivot = Double.NaN;
    private int missing;
    private int sincePivot;

    RollingMoments(int length) {
        window = new DoubleRing(length);
    }

    void push(double x) {
        if (window.full()) {
            double old = window.oldest();
            if (Double.isNaN(old)) {
                missing--;
            } else {
                sum.add(-old);
                double d = old - pivot;
                deviations.add(-d);
                squaredDeviations.add(-d * d);
            }
        }
        window.push(x);
        if (Double.isNaN(x)) {
            missing++;
        } else {
            if (Double.isNaN(pivot)) {
                pivot = x;
            }
            sum.add(x);
            double d = x - pivot;
            deviations.add(d);
            squaredDeviations.add(d * d);
        }
        if (++sincePivot >= window.capacity()) {
            repivot();
        }
    }

    private void repivot() {
        sincePivot = 0;
        int size = window.size();
        double latest = Double.NaN;
        for (int i = size - 1; i >= 0 && Double.isNaN(latest); i--) {
            latest = window.get(i);
        }
        if (Double.isNaN(latest)) {
            return;
        }
        pivot = latest;
        deviations.reset();
        squaredDeviations.reset();
        for (int i = 0; i < size; i++) {
            double x = window.get(i);
            if (!Double.isNaN(x)) {
                double d = x - pivot;
                deviations.add(d);
                squaredDeviations.add(d * d);
            }
        }
    }

    /** Whether the window is full and holds no NaN. */
    boolean complete() {
        return window.full() && missing == 0;
    }

    /** The mean of a complete window: its compensated sum divided by the length, as {@link RollingSum#mean()}. */
    double mean() {
        return sum.value() / window.capacity();
    }

    /** {@code x} minus the mean of a complete window, computed from the pivot to keep the digits that matter. */
    double deviation(double x) {
        return (x - pivot) - deviations.value() / window.capacity();
    }

    /**
     * The variance of a complete window.
     *
     * @param ddof delta degrees of freedom: 0 for the population variance, 1 for the sample variance
     */
    double variance(int ddof) {
        int n = window.capacity();
        double s1 = deviations.value();
        double centred = squaredDeviations.value() - s1 * s1 / n;
        return Math.max(0.0, centred) / (n - ddof);
    }
}
