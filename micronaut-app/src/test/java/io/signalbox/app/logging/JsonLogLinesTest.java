package io.signalbox.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The application's logback.xml with {@code SIGNALBOX_LOG_FORMAT=json}, as the container runs it. */
class JsonLogLinesTest {

    @Test
    void aJsonLineCarriesTheFilledInMessageTheJobsMdcAndTheKeyValuePairs() throws Exception {
        LoggingEvent event = new LoggingEvent("io.signalbox.Test", logger("signalbox.audit"), Level.INFO,
                "deleted s3://{}/{} ({})", null, new Object[] {"signalbox", "uploads/acme/j1/input", "downloaded"});
        event.setMDCPropertyMap(Map.of("jobId", "j1", "tenant", "acme", "route", "storage-delete-object"));
        event.addKeyValuePair(new KeyValuePair("event", "object-deleted"));
        event.addKeyValuePair(new KeyValuePair("reason", "downloaded"));

        JsonNode line = json(jsonEncoder().encode(event));

        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("loggerName").asText()).isEqualTo("signalbox.audit");
        assertThat(line.get("formattedMessage").asText())
                .isEqualTo("deleted s3://signalbox/uploads/acme/j1/input (downloaded)");
        assertThat(line.has("message")).as("the pattern without its arguments is left out").isFalse();
        assertThat(line.get("mdc").get("jobId").asText()).isEqualTo("j1");
        assertThat(line.get("mdc").get("tenant").asText()).isEqualTo("acme");
        assertThat(line.get("mdc").get("route").asText()).isEqualTo("storage-delete-object");
        assertThat(line.get("kvpList").toString()).contains("\"event\":\"object-deleted\"", "\"reason\":\"downloaded\"");
    }

    @Test
    void oneJsonObjectPerLine() throws Exception {
        LoggingEvent event = new LoggingEvent("io.signalbox.Test", logger("io.signalbox.Test"), Level.WARN,
                "two\nlines", null, null);
        event.setMDCPropertyMap(Map.of());

        String encoded = new String(jsonEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(encoded).endsWith("\n");
        assertThat(encoded.strip()).doesNotContain("\n");
        assertThat(json(encoded.getBytes(StandardCharsets.UTF_8)).get("formattedMessage").asText()).isEqualTo("two\nlines");
    }

    @SuppressWarnings("unchecked")
    private static Encoder<ch.qos.logback.classic.spi.ILoggingEvent> jsonEncoder() throws JoranException {
        LoggerContext context = new LoggerContext();
        context.putProperty("SIGNALBOX_LOG_FORMAT", "json");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogLinesTest.class.getResource("/logback.xml"));
        var appender = (OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("json");
        assertThat(appender).as("the root logger writes JSON when SIGNALBOX_LOG_FORMAT=json").isNotNull();
        return appender.getEncoder();
    }

    private static Logger logger(String name) {
        return new LoggerContext().getLogger(name);
    }

    private static JsonNode json(byte[] line) throws IOException {
        return new ObjectMapper().readTree(line);
    }
}
