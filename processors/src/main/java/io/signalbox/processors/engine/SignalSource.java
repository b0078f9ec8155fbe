package io.signalbox.processors.engine;

/** Where a run's signals come from, as the summary names it. */
enum SignalSource {
    NONE("none"),
    RULES("rules"),
    PRICES_COLUMN("prices_column"),
    SIGNALS_FILE("signals_file");

    final String summaryName;

    SignalSource(String summaryName) {
        this.summaryName = summaryName;
    }

    boolean uploaded() {
        return this == PRICES_COLUMN || this == SIGNALS_FILE;
    }
}
