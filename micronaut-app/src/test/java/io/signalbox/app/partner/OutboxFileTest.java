package io.signalbox.app.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxFileTest {

    @Test
    void tellsResultsSummariesAndErrorsApartAndNamesTheirJobsName() {
        assertThat(OutboxFile.parse("outbox/acme/2025/prices.result.csv")).hasValue(
                new OutboxFile("acme", "outbox/acme/2025/prices", OutboxFile.Kind.RESULT));
        assertThat(OutboxFile.parse("outbox/acme/prices.result.csv.gz")).hasValue(
                new OutboxFile("acme", "outbox/acme/prices", OutboxFile.Kind.COMPRESSED_RESULT));
        assertThat(OutboxFile.parse("outbox/acme/prices.result.parquet")).hasValue(
                new OutboxFile("acme", "outbox/acme/prices", OutboxFile.Kind.PARQUET_RESULT));
        assertThat(OutboxFile.parse("outbox/acme/prices.result.parquet").orElseThrow().isResult()).isTrue();
        assertThat(OutboxFile.parse("outbox/acme/prices.summary.json")).hasValue(
                new OutboxFile("acme", "outbox/acme/prices", OutboxFile.Kind.SUMMARY));
        assertThat(OutboxFile.parse("outbox/acme/prices.error.json")).hasValue(
                new OutboxFile("acme", "outbox/acme/prices", OutboxFile.Kind.ERROR));
    }

    @Test
    void otherKeysAreNoOutboxFiles() {
        assertThat(OutboxFile.parse("outbox/acme/notes.txt")).isEmpty();
        assertThat(OutboxFile.parse("outbox/acme/.result.csv")).isEmpty();
        assertThat(OutboxFile.parse("outbox/prices.result.csv")).isEmpty();
        assertThat(OutboxFile.parse("inbox/acme/prices.result.csv")).isEmpty();
    }
}
