package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.signalbox.processors.recipe.Recipes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The backtest columns and the summary's figures, recomputed here straight from the documented formulas
 * (docs/summary.md) over the input prices and signals, without calling the engine's own arithmetic.
 */
class BacktestAndSummaryTest {

    private static final String RECIPE = """
            {"version": 1,
             "backtest": {"mode": "long_short", "fee_bps": 5, "slippage_bps": 2.5, "trades": true,
                          "risk_free_rate": 0.03}}
            """;

    private record Series(List<Long> millis, List<Double> close, List<Double> signal) {
    }

    private static Series series(int bars, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> millis = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        List<Double> signal = new ArrayList<>();
        double price = 100;
        long t = Instant.parse("2021-01-04T00:00:00Z").toEpochMilli();
        for (int i = 0; i < bars; i++) {
            millis.add(t);
            t += 86_400_000L * (random.nextInt(5) == 0 ? 3 : 1);
            price = Math.round(price * (1 + random.nextGaussian() * 0.02) * 100) / 100.0;
            close.add(price);
            signal.add(new double[] {-1, 0, 1, 0.5, Double.NaN}[random.nextInt(5)]);
        }
        return new Series(millis, close, signal);
    }

    private static String csv(List<String> symbols, List<Series> all) {
        StringBuilder b = new StringBuilder("date,ticker,close,signal\n");
        int bars = all.get(0).millis.size();
        for (int i = 0; i < bars; i++) {
            for (int s = 0; s < symbols.size(); s++) {
                Series series = all.get(s);
                double sig = series.signal.get(i);
                b.append(Instant.ofEpochMilli(series.millis.get(i)).toString(), 0, 10).append(',')
                        .append(symbols.get(s)).append(',').append(series.close.get(i)).append(',')
                        .append(Double.isNaN(sig) ? "" : Double.toString(sig)).append('\n');
            }
        }
        return b.toString();
    }

    /** What docs/summary.md says, computed naively over complete arrays. */
    private static final class Expected {
        final List<Double> position = new ArrayList<>();
        final List<Double> ret = new ArrayList<>();
        final List<Double> strategy = new ArrayList<>();
        final List<Double> equity = new ArrayList<>();
        final List<Double> drawdown = new ArrayList<>();
        final List<Double> tradeReturns = new ArrayList<>();
        long exposed;

        Expected(Series s, double cost) {
            double held = 0;
            double eq = 1;
            double peak = 1;
            double signal = 0;
            int tradeSign = 0;
            double growth = 1;
            for (int i = 0; i < s.close.size(); i++) {
                double position = i == 0 ? 0 : signal;
                if (i == 0) {
                    ret.add(Double.NaN);
                    strategy.add(Double.NaN);
                } else {
                    double r = s.close.get(i) / s.close.get(i - 1) - 1;
                    double sr = position * r - Math.abs(position - held) * cost;
                    ret.add(r);
                    strategy.add(sr);
                    eq *= 1 + sr;
                    peak = Math.max(peak, eq);
                    int sign = (int) Math.signum(position);
                    if (sign != tradeSign) {
                        if (tradeSign != 0) {
                            tradeReturns.add(growth - 1);
                        }
                        tradeSign = sign;
                        growth = 1;
                    }
                    if (tradeSign != 0) {
                        growth *= 1 + sr;
                    }
                }
                if (position != 0) {
                    exposed++;
                }
                this.position.add(position);
                equity.add(eq);
                drawdown.add(eq / peak - 1);
                held = position;
                double given = s.signal.get(i);
                signal = Double.isNaN(given) ? signal : given;
            }
            if (tradeSign != 0) {
                tradeReturns.add(growth - 1);
            }
        }
    }

    @Test
    void backtestColumnsFollowTheFormulasWithoutLookAhead() {
        Series a = series(300, 1);
        Series b = series(300, 2);
        EngineFixture run = EngineFixture.run(csv(List.of("AAA", "BBB"), List.of(a, b)), Recipes.parse(RECIPE));
        double cost = 7.5 / 10_000;
        Expected ea = new Expected(a, cost);
        Expected eb = new Expected(b, cost);
        for (int i = 0; i < 300; i++) {
            for (int s = 0; s < 2; s++) {
                Expected e = s == 0 ? ea : eb;
                int row = 2 * i + s;
                assertThat(run.number(row, "position")).isEqualTo(e.position.get(i));
                assertClose(run.number(row, "ret"), e.ret.get(i));
                assertClose(run.number(row, "strategy_ret"), e.strategy.get(i));
                assertClose(run.number(row, "equity"), e.equity.get(i));
                assertClose(run.number(row, "drawdown"), e.drawdown.get(i));
            }
        }
        assertThat(run.cell(0, "ret")).isEmpty();
        assertThat(run.cell(0, "equity")).isEqualTo("1");
        for (int row = 0; row < run.rows.size(); row++) {
            assertThat(run.cell(row, "strategy_ret")).isNotEqualTo("-0");
        }
    }

    @Test
    void summaryFiguresMatchAnIndependentComputation() {
        Series a = series(500, 3);
        EngineFixture run = EngineFixture.run(csv(List.of("AAA"), List.of(a)), Recipes.parse(RECIPE));
        Expected e = new Expected(a, 7.5 / 10_000);
        List<Double> r = e.strategy.subList(1, e.strategy.size());
        int n = r.size();
        double mean = r.stream().mapToDouble(Double::doubleValue).sum() / n;
        double var = r.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        double downside = Math.sqrt(r.stream().mapToDouble(x -> Math.min(x, 0) * Math.min(x, 0)).sum() / n);
        double years = (a.millis.get(a.millis.size() - 1) - a.millis.get(0)) / (365.25 * 86_400_000.0);
        double ppy = n / years;
        double total = e.equity.get(e.equity.size() - 1) - 1;
        double cagr = Math.pow(1 + total, 1 / years) - 1;
        double maxDd = e.drawdown.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        long wins = e.tradeReturns.stream().filter(x -> x > 0).count();
        double profit = e.tradeReturns.stream().filter(x -> x > 0).mapToDouble(Double::doubleValue).sum();
        double loss = -e.tradeReturns.stream().filter(x -> x <= 0).mapToDouble(Double::doubleValue).sum();

        JsonNode s = run.summary.get("symbols").get("AAA");
        assertThat(s.get("rows").asLong()).isEqualTo(500);
        assertThat(s.get("first_timestamp").asText()).isEqualTo(Instant.ofEpochMilli(a.millis.get(0)).toString());
        assertClose(s.get("periods_per_year").asDouble(), ppy);
        assertClose(s.get("total_return").asDouble(), total);
        assertClose(s.get("cagr").asDouble(), cagr);
        assertClose(s.get("volatility").asDouble(), Math.sqrt(var) * Math.sqrt(ppy));
        assertClose(s.get("sharpe").asDouble(), (mean - 0.03 / ppy) / Math.sqrt(var) * Math.sqrt(ppy));
        assertClose(s.get("sortino").asDouble(), mean / downside * Math.sqrt(ppy));
        assertClose(s.get("max_drawdown").asDouble(), maxDd);
        assertClose(s.get("calmar").asDouble(), cagr / -maxDd);
        assertThat(s.get("trades").asLong()).isEqualTo(e.tradeReturns.size());
        assertClose(s.get("win_rate").asDouble(), (double) wins / e.tradeReturns.size());
        assertClose(s.get("profit_factor").asDouble(), profit / loss);
        assertClose(s.get("exposure").asDouble(), (double) e.exposed / 500);
        assertThat(run.summary.get("trades")).hasSize(e.tradeReturns.size());
        assertClose(run.summary.get("trades").get(0).get("return").asDouble(), e.tradeReturns.get(0));
        assertThat(run.summary.get("conventions").get("ddof").asInt()).isEqualTo(1);
        assertThat(run.summary.get("conventions").get("periods_per_year").get("source").asText())
                .isEqualTo("timestamps");
    }

    @Test
    void wholeFileFiguresPoolTheSymbols() {
        Series a = series(200, 5);
        Series b = series(200, 6);
        EngineFixture run = EngineFixture.run(csv(List.of("AAA", "BBB"), List.of(a, b)), Recipes.parse(RECIPE));
        double cost = 7.5 / 10_000;
        Expected ea = new Expected(a, cost);
        Expected eb = new Expected(b, cost);
        List<Double> pooled = new ArrayList<>(ea.strategy.subList(1, 200));
        pooled.addAll(eb.strategy.subList(1, 200));
        int n = pooled.size();
        double mean = pooled.stream().mapToDouble(Double::doubleValue).sum() / n;
        double var = pooled.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (n - 1);
        double yearsA = (a.millis.get(199) - a.millis.get(0)) / (365.25 * 86_400_000.0);
        double yearsB = (b.millis.get(199) - b.millis.get(0)) / (365.25 * 86_400_000.0);
        double ppy = n / (yearsA + yearsB);
        JsonNode all = run.summary.get("all");
        assertThat(all.get("rows").asLong()).isEqualTo(400);
        assertClose(all.get("total_return").asDouble(),
                (ea.equity.get(199) - 1 + eb.equity.get(199) - 1) / 2);
        assertClose(all.get("volatility").asDouble(), Math.sqrt(var) * Math.sqrt(ppy));
        assertClose(all.get("max_drawdown").asDouble(), Math.min(
                ea.drawdown.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                eb.drawdown.stream().mapToDouble(Double::doubleValue).min().orElseThrow()));
        assertThat(all.get("trades").asLong()).isEqualTo(ea.tradeReturns.size() + eb.tradeReturns.size());
    }

    @Test
    void longOnlyTreatsShortSignalsAsFlat() {
        String prices = "date,close,signal\n2024-01-01,10,-1\n2024-01-02,11,1\n2024-01-03,12,-1\n2024-01-04,9,\n";
        EngineFixture run = EngineFixture.run(prices, Recipes.parse("""
                {"version": 1, "backtest": {"mode": "long_only"}}"""));
        assertThat(List.of(run.cell(0, "position"), run.cell(1, "position"), run.cell(2, "position"),
                run.cell(3, "position"))).containsExactly("0", "0", "1", "0");
        assertThat(run.number(3, "equity")).isCloseTo(12.0 / 11.0, within(1e-15));
    }

    private static void assertClose(double actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).isNaN();
        } else {
            assertThat(actual).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }
}
