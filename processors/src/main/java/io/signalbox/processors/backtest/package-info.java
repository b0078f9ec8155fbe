/**
 * The per-symbol backtest without look-ahead: {@link io.signalbox.processors.backtest.BacktestLedger}, its running
 * {@link io.signalbox.processors.backtest.ReturnStats} and its {@link io.signalbox.processors.backtest.Trade}s.
 */
package io.signalbox.processors.backtest;
