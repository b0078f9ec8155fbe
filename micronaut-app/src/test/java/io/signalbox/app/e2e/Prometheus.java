package io.signalbox.app.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/** One scrape of the {@code /prometheus} endpoint, read the way Prometheus reads it. */
final class Prometheus {

    private final String text;

    private Prometheus(String text) {
        this.text = text;
    }

    static Prometheus scrape(RunningSignalbox signalbox) {
        HttpResponse<String> response = signalbox.send(HttpRequest.newBuilder(signalbox.uri("/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/prometheus answered " + response.statusCode() + ": " + response.body());
        }
        return new Prometheus(response.body());
    }

    /**
     * @param name a sample's name, such as {@code signalbox_jobs_total}
     * @param labels label pairs the sample must carry, such as {@code outcome="succeeded"}
     * @return the sum of the matching samples, 0 when there are none
     */
    double value(String name, String... labels) {
        return text.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    boolean has(String name) {
        return text.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    String text() {
        return text;
    }
}
