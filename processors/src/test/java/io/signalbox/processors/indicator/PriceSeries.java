package io.signalbox.processors.indicator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A generated OHLCV series for tests: consistent bars (low ≤ open, close ≤ high) one minute apart.
 *
 * @param name what the series is, shown in test names and failure messages
 */
record PriceSeries(String name, long[] times, double[] open, double[] high, double[] low, double[] close,
        double[] volume) {

    static final long START_MILLIS = 1_704_067_200_000L;
    static final long MINUTE = 60_000L;

    int size() {
        return close.length;
    }

    @Override
    public String toString() {
        return name;
    }

    /** A geometric random walk starting at {@code start} with moves of about {@code volatility} per bar. */
    static PriceSeries randomWalk(String name, long seed, int bars, double start, double volatility) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] closes = new double[bars];
        double price = start;
        for (int i = 0; i < bars; i++) {
            price *= Math.exp(volatility * gaussian(random));
            closes[i] = price;
        }
        return fromCloses(name, closes, random, volatility);
    }

    /** A random walk that jumps by a factor between 1/10 and 10 about every 40 bars. */
    static PriceSeries withGaps(String name, long seed, int bars) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] closes = new double[bars];
        double price = 100.0;
        for (int i = 0; i < bars; i++) {
            price *= Math.exp(0.01 * gaussian(random));
            if (random.nextInt(40) == 0) {
                price *= Math.pow(10.0, random.nextDouble(-1.0, 1.0));
            }
            closes[i] = price;
        }
        return fromCloses(name, closes, random, 0.01);
    }

    /** Prices on a 0.01 tick grid that often do not move, so that equal closes, highs and lows are common. */
    static PriceSeries ticks(String name, long seed, int bars) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] open = new double[bars];
        double[] high = new double[bars];
        double[] low = new double[bars];
        double[] close = new double[bars];
        double[] volume = new double[bars];
        long cents = 10_000;
        for (int i = 0; i < bars; i++) {
            long o = cents;
            cents += random.nextInt(3) - 1;
            long h = Math.max(o, cents) + random.nextInt(2);
            long l = Math.min(o, cents) - random.nextInt(2);
            open[i] = o / 100.0;
            high[i] = h / 100.0;
            low[i] = l / 100.0;
            close[i] = cents / 100.0;
            volume[i] = random.nextInt(5) * 100;
        }
        return new PriceSeries(name, minutes(bars), open, high, low, close, volume);
    }

    static PriceSeries constant(String name, int bars, double price) {
        double[] flat = new double[bars];
        Arrays.fill(flat, price);
        double[] volume = new double[bars];
        Arrays.fill(volume, 1000.0);
        return new PriceSeries(name, minutes(bars), flat, flat.clone(), flat.clone(), flat.clone(), volume);
    }

    /** This series with every price multiplied by {@code factor}; volumes and times unchanged. */
    PriceSeries scaled(String newName, double factor) {
        return new PriceSeries(newName, times, multiplied(open, factor), multiplied(high, factor),
                multiplied(low, factor), multiplied(close, factor), volume);
    }

    /** The first {@code bars} bars of this series. */
    PriceSeries head(String newName, int bars) {
        return new PriceSeries(newName, Arrays.copyOf(times, bars), Arrays.copyOf(open, bars),
                Arrays.copyOf(high, bars), Arrays.copyOf(low, bars), Arrays.copyOf(close, bars),
                Arrays.copyOf(volume, bars));
    }

    /** Runs a fresh indicator over the whole series; the result is indexed {@code [column][bar]}. */
    double[][] run(Indicator indicator) {
        int columns = indicator.columns().size();
        double[] row = new double[columns];
        double[][] result = new double[columns][size()];
        for (int bar = 0; bar < size(); bar++) {
            indicator.update(times[bar], open[bar], high[bar], low[bar], close[bar], volume[bar], row, 0);
            for (int c = 0; c < columns; c++) {
                result[c][bar] = row[c];
            }
        }
        return result;
    }

    private static PriceSeries fromCloses(String name, double[] closes, SplittableRandom random, double volatility) {
        int bars = closes.length;
        double[] open = new double[bars];
        double[] high = new double[bars];
        double[] low = new double[bars];
        double[] volume = new double[bars];
        for (int i = 0; i < bars; i++) {
            open[i] = i == 0 ? closes[0] : closes[i - 1];
            double top = Math.max(open[i], closes[i]);
            double bottom = Math.min(open[i], closes[i]);
            high[i] = top * (1.0 + volatility * Math.abs(gaussian(random)) / 2);
            low[i] = bottom * (1.0 - volatility * Math.abs(gaussian(random)) / 2);
            volume[i] = Math.floor(random.nextDouble(100.0, 100_000.0)) + random.nextInt(4) / 4.0;
        }
        return new PriceSeries(name, minutes(bars), open, high, low, closes, volume);
    }

    private static long[] minutes(int bars) {
        long[] times = new long[bars];
        for (int i = 0; i < bars; i++) {
            times[i] = START_MILLIS + i * MINUTE;
        }
        return times;
    }

    private static double[] multiplied(double[] values, double factor) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] * factor;
        }
        return result;
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u)) * Math.cos(2.0 * Math.PI * v);
    }
}
