#!/usr/bin/env python3
"""The `default` preset written the way a pandas user would, to run beside `./signalbox bench --keep DIR`.

    python3 pandas_default_preset.py DIR/prices.csv OUT.csv

Same columns as Signalbox's default preset (TA-Lib seeding of EMA, RSI and ATR; population standard deviation in
the Bollinger bands), the MACD-crossover signal and a long/short backtest with the next bar's position; it prints
rows/s and MB/s of input the way `bench` does. Numbers agree with Signalbox's to about 1e-9 after the warm-up
bars; it is a yardstick for speed, not a second implementation to trust.
"""
import os
import sys
import time

import numpy as np
import pandas as pd

FEE_BPS = 1
SLIPPAGE_BPS = 1


def seeded_average(values: pd.Series, window: int, alpha: float, delay: int = 0) -> pd.Series:
    """Exponential average seeded with the simple mean of `window` values, as TA-Lib does; `delay` starts the
    seed that many values later (MACD starts its fast average where the slow one starts)."""
    out = values.copy()
    valid = values.notna().to_numpy().nonzero()[0]
    if len(valid) < window + delay:
        return out * np.nan
    start = valid[0] + delay
    out.iloc[: start + window - 1] = np.nan
    out.iloc[start + window - 1] = values.iloc[start : start + window].mean()
    return out.ewm(alpha=alpha, adjust=False, ignore_na=True).mean()


def ema(values: pd.Series, window: int, delay: int = 0) -> pd.Series:
    return seeded_average(values, window, 2.0 / (window + 1), delay)


def wilder(values: pd.Series, window: int) -> pd.Series:
    return seeded_average(values, window, 1.0 / window)


def indicators(bars: pd.DataFrame) -> pd.DataFrame:
    close, high, low = bars["close"], bars["high"], bars["low"]
    out = pd.DataFrame(index=bars.index)
    out["sma_20"] = close.rolling(20).mean()
    out["ema_20"] = ema(close, 20)
    change = close.diff()
    gain = wilder(change.clip(lower=0), 14)
    loss = wilder((-change).clip(lower=0), 14)
    out["rsi_14"] = 100 * gain / (gain + loss)
    macd = ema(close, 12, delay=26 - 12) - ema(close, 26)
    signal = ema(macd, 9)
    out["macd_12_26_9"] = macd.where(signal.notna())
    out["macd_signal_12_26_9"] = signal
    out["macd_hist_12_26_9"] = macd - signal
    middle = close.rolling(20).mean()
    deviation = close.rolling(20).std(ddof=0)
    out["bb_upper_20_2"] = middle + 2 * deviation
    out["bb_middle_20_2"] = middle
    out["bb_lower_20_2"] = middle - 2 * deviation
    previous = close.shift(1)
    true_range = pd.concat([high - low, (high - previous).abs(), (low - previous).abs()], axis=1).max(axis=1)
    true_range.iloc[0] = np.nan
    out["atr_14"] = wilder(true_range, 14)
    defined = out["macd_signal_12_26_9"].notna()
    above = out["macd_12_26_9"] > out["macd_signal_12_26_9"]
    both = defined & defined.shift(1, fill_value=False)
    was_above = above.shift(1, fill_value=False)
    held = pd.Series(np.nan, index=bars.index)
    held[both & above & ~was_above] = 1
    held[both & ~above & was_above] = -1
    out["signal"] = held.ffill().fillna(0).astype(int)
    out["position"] = out["signal"].shift(1, fill_value=0)
    out["ret"] = close.pct_change()
    costs = out["position"].diff().fillna(out["position"]).abs() * (FEE_BPS + SLIPPAGE_BPS) / 10_000
    out["strategy_ret"] = out["position"] * out["ret"] - costs
    out["strategy_ret"] = out["strategy_ret"].where(out["ret"].notna())
    out["equity"] = (1 + out["strategy_ret"].fillna(0)).cumprod()
    out["drawdown"] = out["equity"] / out["equity"].cummax() - 1
    return out


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    bars = pd.read_csv(source)
    computed = bars.groupby("symbol", sort=False, group_keys=False).apply(indicators)
    pd.concat([bars, computed], axis=1).to_csv(target, index=False)
    seconds = time.perf_counter() - start
    size = os.path.getsize(source)
    print(f"pandas {pd.__version__}: {len(bars):,} rows in {seconds:.1f} s")
    print(f"rows/s        {len(bars) / seconds:,.0f}")
    print(f"input MB/s    {size / 1e6 / seconds:.1f}")


if __name__ == "__main__":
    main()
