package io.signalbox.processors.engine;

import java.io.InputStream;
import java.util.Objects;

/**
 * The files of one run. Streams are read once, from start to end, and are not closed by the engine.
 *
 * @param pricesName the name used for the prices file in error messages, such as {@code prices.csv}
 * @param prices the prices file, CSV, optionally gzip-compressed
 * @param signalsName the name of the signals file in error messages, or {@code null} when there is none
 * @param signals the signals file, or {@code null} when there is none
 */
public record EngineInput(String pricesName, InputStream prices, String signalsName, InputStream signals) {

    public EngineInput {
        Objects.requireNonNull(pricesName, "pricesName");
        Objects.requireNonNull(prices, "prices");
        if ((signalsName == null) != (signals == null)) {
            throw new IllegalArgumentException("signalsName and signals must be given together");
        }
    }

    /**
     * @param pricesName the name used for the prices file in error messages
     * @param prices the prices file
     * @return an input without a signals file
     */
    public static EngineInput prices(String pricesName, InputStream prices) {
        return new EngineInput(pricesName, prices, null, null);
    }
}
