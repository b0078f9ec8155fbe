package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.processors.recipe.OutputSettings;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.processors.sample.SamplePrices;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Parquet results read back by DuckDB, an independent reader, value by value against the CSV result. */
class ParquetOutputTest {

    @TempDir
    Path dir;

    private static byte[] sample(long rows, int symbols) {
        return sample(rows, symbols, SamplePrices.Layout.INTERLEAVED);
    }

    private static byte[] sample(long rows, int symbols, SamplePrices.Layout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SamplePrices.builder().rows(rows).symbols(symbols).layout(layout).build().writeTo(out);
        return out.toByteArray();
    }

    private static byte[] run(byte[] prices, Recipe recipe, int threads) {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        SignalEngine.builder().threads(threads).build().run(EngineInput.prices("p.csv",
                new ByteArrayInputStream(prices)), recipe, result, null, ProgressListener.NONE);
        return result.toByteArray();
    }

    private static Recipe parquet(Recipe recipe) {
        return recipe.withOutput(recipe.output().withFormat(OutputSettings.Format.PARQUET));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static Map<String, String> types(Statement sql, Path file) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet r = sql.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (r.next()) {
                types.put(r.getString("column_name"), r.getString("column_type"));
            }
        }
        return types;
    }

    @Test
    void holdsEveryValueOfTheCsvResultInTypedColumns() throws Exception {
        byte[] prices = sample(30_000, 5);
        Recipe recipe = Recipes.preset("default");
        EngineFixture csv = EngineFixture.run(SignalEngine.builder().threads(1).build(), prices, null, recipe, true);
        Path file = write("result.parquet", run(prices, parquet(recipe), 2));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            Map<String, String> types = types(sql, file);
            List<String> expectedColumns = new ArrayList<>(List.of("timestamp", "symbol", "open", "high", "low",
                    "close", "volume"));
            expectedColumns.addAll(recipe.outputColumns());
            assertThat(types.keySet()).containsExactlyElementsOf(expectedColumns);
            assertThat(types.get("timestamp")).isEqualTo("TIMESTAMP WITH TIME ZONE");
            assertThat(types.get("symbol")).isEqualTo("VARCHAR");
            assertThat(types.get("signal")).isEqualTo("INTEGER");
            assertThat(types.get("position")).isEqualTo("INTEGER");
            assertThat(types.get("sma_20")).isEqualTo("DOUBLE");
            assertThat(types.get("volume")).isEqualTo("DOUBLE");
            try (ResultSet r = sql.executeQuery("SELECT encodings FROM parquet_metadata('" + file
                    + "') WHERE path_in_schema = 'symbol'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).contains("DICTIONARY");
            }
            int rows = 0;
            try (ResultSet r = sql.executeQuery("SELECT epoch_us(timestamp) AS micros, * EXCLUDE (timestamp) "
                    + "FROM read_parquet('" + file + "')")) {
                while (r.next()) {
                    String timestamp = csv.cell(rows, "timestamp");
                    assertThat(r.getLong("micros")).isEqualTo(
                            Instant.parse(timestamp).toEpochMilli() * 1000);
                    assertThat(r.getString("symbol")).isEqualTo(csv.cell(rows, "symbol"));
                    for (String column : expectedColumns.subList(2, expectedColumns.size())) {
                        double expected = csv.number(rows, column);
                        Object actual = r.getObject(column);
                        if (expected != expected) {
                            assertThat(actual).as("row %d %s", rows, column).isNull();
                        } else {
                            assertThat(((Number) actual).doubleValue()).as("row %d %s", rows, column)
                                    .isEqualTo(expected);
                        }
                    }
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(30_000).isEqualTo(csv.rows.size());
        }
    }

    /**
     * Several row groups of many pages, 300 symbols (dictionary indexes of 9 bits, bit-packed in the interleaved
     * file, runs in the grouped one) and nulls at the start of every symbol: DuckDB reads every cell of the CSV
     * result back, and fewer or more threads write the same bytes.
     */
    @ParameterizedTest
    @EnumSource(SamplePrices.Layout.class)
    void manyRowGroupsHoldEveryCellOfTheCsvResult(SamplePrices.Layout layout) throws Exception {
        int rows = 150_000;
        byte[] prices = sample(rows, 300, layout);
        Recipe recipe = Recipes.preset("default");
        Path csv = write("result.csv", run(prices, recipe, 2));
        byte[] parquetBytes = run(prices, parquet(recipe), 3);
        assertThat(run(prices, parquet(recipe), 1)).isEqualTo(parquetBytes);
        Path file = write("result.parquet", parquetBytes);
        List<String> columns = new ArrayList<>(List.of("open", "high", "low", "close", "volume"));
        columns.addAll(recipe.outputColumns());
        StringBuilder differs = new StringBuilder("false");
        for (String column : columns) {
            differs.append(" OR p.").append(column).append(" IS DISTINCT FROM TRY_CAST(NULLIF(c.").append(column)
                    .append(", '') AS DOUBLE)");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            try (ResultSet r = sql.executeQuery("SELECT count(DISTINCT row_group_id), count(*) FROM parquet_metadata('"
                    + file + "') WHERE path_in_schema = 'sma_20'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).as("row groups").isGreaterThan(1);
            }
            try (ResultSet r = sql.executeQuery("SELECT count(*), count(c.symbol), count(p.symbol), "
                    + "count(*) FILTER (WHERE " + differs + ") FROM read_parquet('" + file + "') p "
                    + "FULL JOIN read_csv('" + csv + "', header = true, all_varchar = true) c "
                    + "ON epoch_us(p.timestamp) = epoch_us(CAST(c.timestamp AS TIMESTAMPTZ)) "
                    + "AND p.symbol = c.symbol")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).as("rows joined").isEqualTo(rows);
                assertThat(r.getLong(2)).as("CSV rows matched").isEqualTo(rows);
                assertThat(r.getLong(3)).as("Parquet rows matched").isEqualTo(rows);
                assertThat(r.getLong(4)).as("rows with a differing cell").isZero();
            }
        }
    }

    /**
     * The child JVM of {@link #writesWithoutHadoopOnTheClassPath}: writes a Parquet result to a discarding stream.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        byte[] result = run(sample(5_000, 2), parquet(Recipes.preset("default")), 2);
        System.out.println("parquet bytes=" + result.length);
    }

    @Test
    void writesWithoutHadoopOnTheClassPath() throws Exception {
        String classPath = String.join(File.pathSeparator, Arrays.stream(
                System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("hadoop-client")).toList());
        assertThat(System.getProperty("java.class.path")).contains("hadoop-client-api");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(javaBin, "-cp", classPath, ParquetOutputTest.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("parquet bytes=").doesNotContain("NoClassDefFoundError");
    }

    @Test
    void writesTheSameBytesForAnyNumberOfThreads() {
        byte[] prices = sample(20_000, 3);
        Recipe recipe = parquet(Recipes.preset("default"));
        byte[] one = run(prices, recipe, 1);
        assertThat(run(prices, recipe, 4)).isEqualTo(one);
        assertThat(one).startsWith('P', 'A', 'R', '1').endsWith('P', 'A', 'R', '1');
    }

    @Test
    void aFileWithoutRowsIsAParquetFileWithItsColumnsAndNoRows() throws Exception {
        byte[] prices = "timestamp,symbol,open,high,low,close,volume\n".getBytes(StandardCharsets.UTF_8);
        Recipe recipe = Recipes.preset("default");
        Path file = write("empty.parquet", run(prices, parquet(recipe), 2));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            assertThat(types(sql, file).keySet()).startsWith("timestamp", "symbol", "open").contains("drawdown");
            try (ResultSet r = sql.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isZero();
            }
        }
    }

    @Test
    void uploadedWeightsAreDoublesAndAFileWithoutSymbolsHasNoSymbolColumn() throws Exception {
        Recipe recipe = parquet(Recipes.parse("""
                {"version": 1, "backtest": {"mode": "long_short"}}"""));
        byte[] prices = ("date,close,weight\n2024-01-01,10,0.5\n2024-01-02,11,-0.25\n2024-01-03,12,\n")
                .getBytes(StandardCharsets.UTF_8);
        Path file = write("weights.parquet", run(prices, recipe, 1));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            Map<String, String> types = types(sql, file);
            assertThat(types.keySet()).containsExactly("timestamp", "close", "signal", "position", "ret",
                    "strategy_ret", "equity", "drawdown");
            assertThat(types.get("signal")).isEqualTo("DOUBLE");
            try (ResultSet r = sql.executeQuery("SELECT signal, position, ret FROM read_parquet('" + file + "')")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getDouble("signal")).isEqualTo(0.5);
                assertThat(r.getObject("ret")).isNull();
                assertThat(r.next()).isTrue();
                assertThat(r.getDouble("signal")).isEqualTo(-0.25);
                assertThat(r.getDouble("position")).isEqualTo(0.5);
                assertThat(r.next()).isTrue();
                assertThat(r.getDouble("signal")).isEqualTo(-0.25);
                assertThat(r.next()).isFalse();
            }
        }
    }
}
