package io.signalbox.processors.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signalbox.processors.recipe.Recipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the engine on in-memory files and reads back what it wrote. */
final class EngineFixture {

    final EngineReport report;
    final List<String> header;
    final List<List<String>> rows;
    final JsonNode summary;
    final byte[] csv;

    private EngineFixture(EngineReport report, byte[] csv, byte[] summary) {
        this.report = report;
        this.csv = csv;
        List<String> lines = csv.length == 0 ? List.of()
                : Arrays.asList(new String(csv, StandardCharsets.UTF_8).split("\n", -1));
        List<String> header = List.of();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String delimiter = lines.get(0).contains(";") ? ";" : ",";
            List<String> cells = Arrays.asList(lines.get(i).split(delimiter, -1));
            if (i == 0) {
                header = cells;
            } else {
                rows.add(cells);
            }
        }
        this.header = header;
        this.rows = rows;
        try {
            this.summary = summary.length == 0 ? null : new ObjectMapper().readTree(summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EngineFixture run(String prices, Recipe recipe) {
        return run(prices.getBytes(StandardCharsets.UTF_8), null, recipe, true);
    }

    static EngineFixture run(byte[] prices, String signals, Recipe recipe, boolean csv) {
        return run(SignalEngine.builder().build(), prices, signals, recipe, csv);
    }

    static EngineFixture run(SignalEngine engine, byte[] prices, String signals, Recipe recipe, boolean csv) {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        EngineInput input = new EngineInput("prices.csv", new ByteArrayInputStream(prices),
                signals == null ? null : "signals.csv",
                signals == null ? null : new ByteArrayInputStream(signals.getBytes(StandardCharsets.UTF_8)));
        EngineReport report = engine.run(input, recipe, csv ? result : null, summary, ProgressListener.NONE);
        return new EngineFixture(report, result.toByteArray(), summary.toByteArray());
    }

    String cell(int row, String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + header);
        }
        return rows.get(row).get(index);
    }

    double number(int row, String column) {
        String text = cell(row, column);
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }
}
