package io.signalbox.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.opentest4j.AssertionFailedError;

/** The REST API as a client uses it: JSON over HTTP with the tenant's API key. */
final class JobsClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningSignalbox signalbox;

    JobsClient(RunningSignalbox signalbox) {
        this.signalbox = signalbox;
    }

    static byte[] sample(String name) {
        try (InputStream in = JobsClient.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> upload(byte[] body, String query, String... headers) {
        HttpRequest.Builder request = signalbox.request("/v1/jobs" + query)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return signalbox.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser-style form: the part {@code recipe} (when given) and then the part {@code file}. */
    HttpResponse<String> uploadForm(String recipe, String fileName, byte[] file) {
        return uploadForm(recipe, null, fileName, file);
    }

    /** A browser-style form: the parts {@code recipe} and {@code signals} (when given), then the part {@code file}. */
    HttpResponse<String> uploadForm(String recipe, byte[] signals, String fileName, byte[] file) {
        String boundary = "----signalbox" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        if (recipe != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"recipe\"\r\n"
                    + "Content-Type: application/json\r\n\r\n" + recipe + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (signals != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"signals\"; filename=\"signals.csv\""
                    + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(signals);
            body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return signalbox.send(signalbox.request("/v1/jobs")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode uploadAccepted(byte[] body) {
        HttpResponse<String> response = upload(body, "?name=prices.csv");
        if (response.statusCode() != 202) {
            throw new AssertionFailedError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    HttpResponse<String> get(String path) {
        return signalbox.send(signalbox.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) {
        return signalbox.send(signalbox.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode job(String id) {
        HttpResponse<String> response = get("/v1/jobs/" + id);
        if (response.statusCode() != 200) {
            throw new AssertionFailedError("GET job answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** Polls the job as a client would until it reaches one of the statuses. */
    JsonNode awaitStatus(String id, Duration timeout, String... statuses) {
        Set<String> wanted = Set.of(statuses);
        Instant deadline = Instant.now().plus(timeout);
        JsonNode job = job(id);
        while (!wanted.contains(job.get("status").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("job " + id + " did not reach " + wanted + " within " + timeout + ": " + job);
            }
            pause(Duration.ofMillis(100));
            job = job(id);
        }
        return job;
    }

    /** @return the texts of a JSON array's elements, in order */
    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionFailedError("not JSON: " + text, e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
