package io.signalbox.routes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditTextTest {

    @Test
    void quotesAKeyThatTriesToAddFieldsToTheAuditLine() {
        assertThat(AuditText.quoted("inbox/acme/x\",\"reason\":\"expired.csv"))
                .isEqualTo("\"inbox/acme/x\\\",\\\"reason\\\":\\\"expired.csv\"");
    }

    @Test
    void escapesControlCharactersAndBackslashes() {
        assertThat(AuditText.quoted("inbox/acme/tab\there\\x.csv")).isEqualTo("\"inbox/acme/tab\\there\\\\x.csv\"");
    }

    @Test
    void writesNullForNoKey() {
        assertThat(AuditText.quoted(null)).isEqualTo("null");
    }
}
