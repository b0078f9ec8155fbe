package io.signalbox.processors.indicator;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.Arrays;

/**
 * TA-Lib's Java port run over a whole {@link PriceSeries}, its outputs laid out bar by bar like ours: NaN before
 * TA-Lib's first output ({@code outBegIdx}) and after its last.
 */
final class TaLib {

    /**
     * @param lookback TA-Lib's lookback function for the same parameters
     * @param columns the outputs, indexed {@code [column][bar]}
     */
    record Output(int lookback, double[][] columns) {
    }

    @FunctionalInterface
    private interface Call {
        RetCode run(Core core, int end, MInteger begin, MInteger count, double[][] out);
    }

    private TaLib() {
    }

    static Output sma(PriceSeries s, int window) {
        return run(s, 1, new Core().smaLookback(window),
                (core, end, b, n, out) -> core.sma(0, end, s.close(), window, b, n, out[0]));
    }

    static Output ema(PriceSeries s, int window) {
        return run(s, 1, new Core().emaLookback(window),
                (core, end, b, n, out) -> core.ema(0, end, s.close(), window, b, n, out[0]));
    }

    static Output wma(PriceSeries s, int window) {
        return run(s, 1, new Core().wmaLookback(window),
                (core, end, b, n, out) -> core.wma(0, end, s.close(), window, b, n, out[0]));
    }

    static Output rsi(PriceSeries s, int window) {
        return run(s, 1, new Core().rsiLookback(window),
                (core, end, b, n, out) -> core.rsi(0, end, s.close(), window, b, n, out[0]));
    }

    static Output macd(PriceSeries s, int fast, int slow, int signal) {
        return run(s, 3, new Core().macdLookback(fast, slow, signal),
                (core, end, b, n, out) -> core.macd(0, end, s.close(), fast, slow, signal, b, n, out[0], out[1],
                        out[2]));
    }

    static Output bbands(PriceSeries s, int window, double k) {
        return run(s, 3, new Core().bbandsLookback(window, k, k, MAType.Sma),
                (core, end, b, n, out) -> core.bbands(0, end, s.close(), window, k, k, MAType.Sma, b, n, out[0],
                        out[1], out[2]));
    }

    static Output atr(PriceSeries s, int window) {
        return run(s, 1, new Core().atrLookback(window),
                (core, end, b, n, out) -> core.atr(0, end, s.high(), s.low(), s.close(), window, b, n, out[0]));
    }

    static Output stoch(PriceSeries s, int window, int smoothK, int smoothD) {
        return run(s, 2, new Core().stochLookback(window, smoothK, MAType.Sma, smoothD, MAType.Sma),
                (core, end, b, n, out) -> core.stoch(0, end, s.high(), s.low(), s.close(), window, smoothK,
                        MAType.Sma, smoothD, MAType.Sma, b, n, out[0], out[1]));
    }

    static Output obv(PriceSeries s) {
        return run(s, 1, new Core().obvLookback(),
                (core, end, b, n, out) -> core.obv(0, end, s.close(), s.volume(), b, n, out[0]));
    }

    static Output rocp(PriceSeries s, int period) {
        return run(s, 1, new Core().rocPLookback(period),
                (core, end, b, n, out) -> core.rocP(0, end, s.close(), period, b, n, out[0]));
    }

    static Output max(PriceSeries s, double[] values, int window) {
        return run(s, 1, new Core().maxLookback(window),
                (core, end, b, n, out) -> core.max(0, end, values, window, b, n, out[0]));
    }

    static Output min(PriceSeries s, double[] values, int window) {
        return run(s, 1, new Core().minLookback(window),
                (core, end, b, n, out) -> core.min(0, end, values, window, b, n, out[0]));
    }

    private static Output run(PriceSeries s, int columns, int lookback, Call call) {
        if (lookback < 0) {
            throw new IllegalArgumentException("TA-Lib refuses these parameters");
        }
        int bars = s.size();
        double[][] raw = new double[columns][bars];
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        RetCode code = call.run(new Core(), bars - 1, begin, count, raw);
        if (code != RetCode.Success) {
            throw new IllegalStateException("TA-Lib answered " + code + " on " + s.name());
        }
        double[][] laidOut = new double[columns][bars];
        for (int c = 0; c < columns; c++) {
            Arrays.fill(laidOut[c], Double.NaN);
            System.arraycopy(raw[c], 0, laidOut[c], begin.value, count.value);
        }
        return new Output(lookback, laidOut);
    }
}
