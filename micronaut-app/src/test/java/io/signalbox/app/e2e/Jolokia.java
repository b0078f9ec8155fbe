package io.signalbox.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.opentest4j.AssertionFailedError;

/** JMX over Jolokia's HTTP protocol, as hawtio speaks it. */
final class Jolokia {

    static final String ROUTES = "org.apache.camel:context=signalbox,type=routes,";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningSignalbox signalbox;
    private final URI url;

    Jolokia(RunningSignalbox signalbox, URI url) {
        this.signalbox = signalbox;
        this.url = url;
    }

    static String route(String routeId) {
        return ROUTES + "name=\"" + routeId + "\"";
    }

    /** @return the names of the MBeans matching the pattern */
    JsonNode search(String pattern) {
        ObjectNode request = JSON.createObjectNode().put("type", "search").put("mbean", pattern);
        return post(request).get("value");
    }

    JsonNode read(String mbean, String attribute) {
        ObjectNode request = JSON.createObjectNode().put("type", "read").put("mbean", mbean).put("attribute", attribute);
        return post(request).get("value");
    }

    JsonNode exec(String mbean, String operation) {
        ObjectNode request = JSON.createObjectNode().put("type", "exec").put("mbean", mbean).put("operation", operation);
        return post(request);
    }

    private JsonNode post(ObjectNode request) {
        HttpResponse<String> response = signalbox.send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JobsClient.json(response.body());
        if (response.statusCode() != 200 || body.path("status").asInt() != 200) {
            throw new AssertionFailedError("Jolokia answered " + response.statusCode() + " to " + request + ": " + body);
        }
        return body;
    }
}
