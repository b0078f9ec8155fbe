package io.signalbox.app.e2e;

import static io.signalbox.app.e2e.JobsClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * A client of presigned uploads as a user writes one: JSON to the API with its key, and the file's parts with plain
 * HTTP PUTs to the URLs it answers, carrying no credentials of their own.
 */
final class PresignedClient {

    private final RunningSignalbox signalbox;
    private final HttpClient storage = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PresignedClient(RunningSignalbox signalbox) {
        this.signalbox = signalbox;
    }

    HttpResponse<String> create(String body, String... headers) {
        HttpRequest.Builder request = signalbox.request("/v1/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return signalbox.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode created(String body) {
        HttpResponse<String> response = create(body);
        if (response.statusCode() != 202) {
            throw new AssertionFailedError("creation answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    HttpResponse<String> state(String id) {
        return signalbox.send(signalbox.request("/v1/jobs/" + id + "/upload").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode stateOk(String id) {
        HttpResponse<String> response = state(id);
        if (response.statusCode() != 200) {
            throw new AssertionFailedError("GET upload answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    HttpResponse<String> partUrls(String id, String body) {
        return post("/v1/jobs/" + id + "/upload/parts", body);
    }

    HttpResponse<String> complete(String id, String body) {
        return post("/v1/jobs/" + id + "/upload/complete", body);
    }

    HttpResponse<String> abort(String id) {
        return signalbox.send(signalbox.request("/v1/jobs/" + id + "/upload").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** PUTs bytes to a presigned URL, with the headers it was signed with. */
    HttpResponse<String> put(String url, byte[] bytes, int offset, int length, JsonNode headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes, offset, length));
        if (headers != null) {
            for (Map.Entry<String, JsonNode> header : headers.properties()) {
                request.header(header.getKey(), header.getValue().asText());
            }
        }
        try {
            return storage.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PUTs a part and answers the ETag storage gave it. */
    String putPart(JsonNode part, byte[] bytes, int offset, int length) {
        HttpResponse<String> response = put(part.get("url").asText(), bytes, offset, length, part.get("headers"));
        if (response.statusCode() != 200) {
            throw new AssertionFailedError("PUT of part " + part.get("partNumber") + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /**
     * Starts a PUT of {@code length} bytes to the part's URL, sends only {@code sent} of them and closes the
     * connection, as a client does whose network drops.
     */
    static void putCutOff(JsonNode part, byte[] bytes, int offset, int length, int sent) {
        URI url = URI.create(part.get("url").asText());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
                    + url.getPort() + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, offset, sent);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The completion body listing every part of a {@code GET …/upload} answer with the ETag storage has. */
    static String completionOf(JsonNode state) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode parts = body.putArray("parts");
        for (JsonNode uploaded : state.get("uploadedParts")) {
            parts.addObject().put("partNumber", uploaded.get("partNumber").asInt()).put("etag", uploaded.get("etag").asText());
        }
        return body.toString();
    }

    /** A query parameter of a presigned URL, decoded. */
    static String queryParameter(String url, String name) {
        for (String parameter : URI.create(url).getRawQuery().split("&")) {
            if (parameter.startsWith(name + "=")) {
                return URLDecoder.decode(parameter.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + url);
    }

    private HttpResponse<String> post(String path, String body) {
        return signalbox.send(signalbox.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
