package io.signalbox.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two calls of the ECS API that Signalbox makes about its process service, DescribeServices and UpdateService,
 * answered on a free loopback port the way ECS answers them, with the service's desired count kept between calls.
 * There is no local ECS to run instead; every request is kept for the test to look at.
 */
final class FakeEcsApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

    private final HttpServer server;
    private final List<String> desiredCounts = new CopyOnWriteArrayList<>();
    private volatile int desiredCount;

    FakeEcsApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The desired counts set through UpdateService, in order. */
    List<String> updates() {
        return List.copyOf(desiredCounts);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String service = request.has("service") ? request.get("service").asText()
                : request.path("services").path(0).asText();
        String body;
        int status = 200;
        if (target.equals(TARGET_PREFIX + "DescribeServices")) {
            body = "{\"services\":[" + service(service) + "],\"failures\":[]}";
        } else if (target.equals(TARGET_PREFIX + "UpdateService")) {
            desiredCount = request.get("desiredCount").asInt();
            desiredCounts.add(service + "=" + desiredCount);
            body = "{\"service\":" + service(service) + "}";
        } else {
            status = 400;
            body = "{\"__type\":\"InvalidParameterException\",\"message\":\"not answered here: " + target + "\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String service(String name) {
        return "{\"serviceName\":\"" + name + "\",\"serviceArn\":\"arn:aws:ecs:us-east-1:000000000000:service/signalbox/"
                + name + "\",\"desiredCount\":" + desiredCount + ",\"runningCount\":" + desiredCount + "}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
