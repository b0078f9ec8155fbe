package io.signalbox.app.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A load run of uploads against local mode, as a bench command rather than a test: it starts {@code signalbox.jar
 * local} in a temporary home on free ports, sends concurrent uploads of one tenant while slow clients of another
 * tenant trickle one byte a second (and come back after every 429 and 408, as a greedy client would), polls
 * readiness throughout, waits for the jobs to be processed, and prints errors, latencies and the server's resident
 * memory. It needs only the JDK: {@code ./signalbox loadtest} runs this file with Java's source launcher.
 *
 * <pre>
 * ./signalbox loadtest [--uploads 50] [--size-mb 20] [--slow 100] [--slow-for 75]
 * </pre>
 *
 * The server runs with {@code JAVA_OPTS} and inherits the environment, so settings such as
 * {@code SIGNALBOX_ADMISSION_MAX_UPLOADS_PER_TENANT=16} apply to it.
 */
public final class UploadLoad {

    private static final Pattern JSON_STRING = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

    private final Path jar;
    private final int uploads;
    private final int sizeMb;
    private final int slowClients;
    private final Duration slowFor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Process server;
    private URI base;
    private String fastKey;
    private String slowKey;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peakRssKb = new AtomicLong();

    private UploadLoad(Map<String, String> options) {
        this.jar = Path.of(options.getOrDefault("jar", "micronaut-app/target/signalbox.jar"));
        this.uploads = Integer.parseInt(options.getOrDefault("uploads", "50"));
        this.sizeMb = Integer.parseInt(options.getOrDefault("size-mb", "20"));
        this.slowClients = Integer.parseInt(options.getOrDefault("slow", "100"));
        this.slowFor = Duration.ofSeconds(Long.parseLong(options.getOrDefault("slow-for", "75")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, found " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new UploadLoad(options).run();
    }

    private void run() throws Exception {
        Path home = Files.createTempDirectory("signalbox-load");
        try {
            startServer(home);
            byte[] file = prices(sizeMb * 1024 * 1024);
            System.out.printf(Locale.ROOT, "server pid %d at %s; %d uploads of %.1f MB, %d slow clients for %d s%n",
                    server.pid(), base, uploads, file.length / 1e6, slowClients, slowFor.toSeconds());

            ExecutorService background = Executors.newCachedThreadPool(daemon());
            background.submit(this::sampleRss);
            Readiness readiness = new Readiness();
            background.submit(readiness::probe);
            SlowStats slow = new SlowStats();
            Instant slowUntil = Instant.now().plus(slowFor);
            for (int i = 0; i < slowClients; i++) {
                int client = i;
                background.submit(() -> trickle(client, slowUntil, slow));
            }

            ExecutorService fast = Executors.newFixedThreadPool(uploads, daemon());
            List<Future<Upload>> results = new ArrayList<>();
            Instant started = Instant.now();
            for (int i = 0; i < uploads; i++) {
                int n = i;
                results.add(fast.submit(() -> upload(n, file)));
            }
            List<Upload> done = new ArrayList<>();
            for (Future<Upload> result : results) {
                done.add(result.get());
            }
            Duration uploading = Duration.between(started, Instant.now());
            int processed = awaitProcessed(done, Duration.ofMinutes(10));
            Duration processing = Duration.between(started, Instant.now());
            while (Instant.now().isBefore(slowUntil)) {
                Thread.sleep(200);
            }
            running.set(false);
            fast.shutdownNow();
            background.shutdownNow();
            report(done, uploading, processed, processing, slow, readiness, file.length);
        } finally {
            stopServer();
            deleteTree(home);
        }
    }

    private record Upload(int status, Duration total, Duration lastAttempt, int refusals, String jobId, String error) {
    }

    /** One upload as a well-behaved client sends it: again after each 429, when Retry-After says. */
    private Upload upload(int n, byte[] file) {
        Instant started = Instant.now();
        int refusals = 0;
        while (true) {
            Instant attempt = Instant.now();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/jobs?name=load-" + n + ".csv"))
                        .header("Authorization", "Bearer " + fastKey).header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429) {
                    refusals++;
                    long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                    Thread.sleep(seconds * 1000);
                    continue;
                }
                Duration total = Duration.between(started, Instant.now());
                Duration last = Duration.between(attempt, Instant.now());
                String error = response.statusCode() == 202 ? null : response.statusCode() + " " + response.body();
                return new Upload(response.statusCode(), total, last, refusals, field(response.body(), "id"), error);
            } catch (IOException e) {
                return new Upload(0, Duration.between(started, Instant.now()), Duration.ZERO, refusals, null,
                        e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Upload(0, Duration.ZERO, Duration.ZERO, refusals, null, "interrupted");
            }
        }
    }

    private static final class SlowStats {
        final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();

        void answered(int status) {
            answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** A slow client: declares a whole file, then sends one byte a second; comes back after every answer. */
    private void trickle(int client, Instant until, SlowStats stats) {
        while (running.get() && Instant.now().isBefore(until)) {
            stats.connections.incrementAndGet();
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(("POST /v1/jobs?name=slow-" + client + ".csv HTTP/1.1\r\nHost: " + base.getHost()
                        + "\r\nAuthorization: Bearer " + slowKey + "\r\nContent-Type: text/csv\r\nContent-Length: "
                        + sizeMb * 1024L * 1024 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = null;
                long retryAfter = 1;
                while (status == null && running.get() && Instant.now().isBefore(until)) {
                    try {
                        String head = readHead(in);
                        status = head.isEmpty() ? "closed" : head.split(" ", 3)[1];
                        Matcher retry = Pattern.compile("(?i)retry-after:\\s*(\\d+)").matcher(head);
                        if (retry.find()) {
                            retryAfter = Long.parseLong(retry.group(1));
                        }
                    } catch (SocketTimeoutException e) {
                        out.write('1');
                        out.flush();
                        stats.bytes.incrementAndGet();
                    }
                }
                if (status != null) {
                    stats.answered(status.equals("closed") ? 0 : Integer.parseInt(status));
                    Thread.sleep(retryAfter * 1000);
                }
            } catch (IOException e) {
                stats.answered(-1);
                pause(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private final class Readiness {
        final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger notReady = new AtomicInteger();

        void probe() {
            while (running.get()) {
                Instant started = Instant.now();
                try {
                    int status = http.send(HttpRequest.newBuilder(base.resolve("/health/readiness"))
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status != 200) {
                        notReady.incrementAndGet();
                    }
                } catch (IOException e) {
                    notReady.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
                millis.add(Duration.between(started, Instant.now()).toMillis());
                pause(Duration.ofMillis(500));
            }
        }
    }

    private int awaitProcessed(List<Upload> done, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        int succeeded = 0;
        for (Upload upload : done) {
            if (upload.jobId() == null) {
                continue;
            }
            while (Instant.now().isBefore(deadline)) {
                String status = field(http.send(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + upload.jobId()))
                        .header("Authorization", "Bearer " + fastKey).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body(), "status");
                if ("SUCCEEDED".equals(status)) {
                    succeeded++;
                    break;
                }
                if ("FAILED".equals(status)) {
                    break;
                }
                Thread.sleep(250);
            }
        }
        return succeeded;
    }

    private void report(List<Upload> done, Duration uploading, int processed, Duration processing, SlowStats slow,
            Readiness readiness, long fileBytes) {
        List<Upload> accepted = done.stream().filter(upload -> upload.status() == 202).toList();
        List<String> errors = done.stream().map(Upload::error).filter(error -> error != null).toList();
        System.out.println();
        System.out.println("uploads");
        System.out.printf(Locale.ROOT, "  accepted (202)       %d of %d, %.0f MB in %.1f s (%.1f MB/s)%n", accepted.size(),
                done.size(), accepted.size() * fileBytes / 1e6, seconds(uploading),
                accepted.size() * fileBytes / 1e6 / seconds(uploading));
        System.out.printf(Locale.ROOT, "  errors               %d%s%n", errors.size(),
                errors.isEmpty() ? "" : " " + errors.subList(0, Math.min(3, errors.size())));
        System.out.printf(Locale.ROOT, "  429 then retried     %d%n", done.stream().mapToInt(Upload::refusals).sum());
        System.out.printf(Locale.ROOT, "  latency to 202       p50 %.1f s, p99 %.1f s, max %.1f s (waits after 429 included)%n",
                percentile(done, Upload::total, 50), percentile(done, Upload::total, 99),
                percentile(done, Upload::total, 100));
        System.out.printf(Locale.ROOT, "  admitted attempt     p50 %.1f s, p99 %.1f s%n", percentile(done, Upload::lastAttempt, 50),
                percentile(done, Upload::lastAttempt, 99));
        System.out.printf(Locale.ROOT, "  jobs succeeded       %d of %d, all done %.1f s after the first upload%n",
                processed, accepted.size(), seconds(processing));
        System.out.println("slow clients (another tenant)");
        System.out.printf(Locale.ROOT, "  connections          %d, %d bytes trickled%n", slow.connections.get(), slow.bytes.get());
        System.out.printf(Locale.ROOT, "  answers              %s (0: closed without an answer, -1: connection failed)%n",
                new java.util.TreeMap<>(slow.answers));
        List<Long> ready = new ArrayList<>(readiness.millis);
        Collections.sort(ready);
        System.out.println("readiness");
        System.out.printf(Locale.ROOT, "  probes               %d, not ready %d, p50 %d ms, p99 %d ms, max %d ms%n", ready.size(),
                readiness.notReady.get(), at(ready, 50), at(ready, 99), at(ready, 100));
        System.out.println("server");
        System.out.printf(Locale.ROOT, "  peak RSS             %.0f MB (VmHWM %.0f MB; the embedded PostgreSQL is a process of its own)%n",
                peakRssKb.get() / 1024.0, statusKb("VmHWM") / 1024.0);
    }

    private static double percentile(List<Upload> done, java.util.function.Function<Upload, Duration> what, int p) {
        List<Long> millis = done.stream().map(what).map(Duration::toMillis).sorted().toList();
        return at(millis, p) / 1000.0;
    }

    private static long at(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private void sampleRss() {
        while (running.get() && server.isAlive()) {
            peakRssKb.accumulateAndGet(statusKb("VmRSS"), Math::max);
            pause(Duration.ofMillis(200));
        }
    }

    private long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process has ended
        }
        return 0;
    }

    private void startServer(Path home) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with ./signalbox build");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String javaOpts = System.getenv().getOrDefault("JAVA_OPTS", "").trim();
        if (!javaOpts.isEmpty()) {
            command.addAll(List.of(javaOpts.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "local"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SIGNALBOX_HOME", home.resolve("home").toString());
        env.put("SIGNALBOX_PORT", Integer.toString(freePort()));
        env.put("SIGNALBOX_S3_PORT", Integer.toString(freePort()));
        env.put("SIGNALBOX_SQS_PORT", Integer.toString(freePort()));
        env.put("SIGNALBOX_JOLOKIA_ENABLED", "false");
        env.put("SIGNALBOX_PARTNERS", "slow");
        env.remove("SIGNALBOX_API_KEY");
        server = builder.start();
        Path info = home.resolve("home").resolve("local.json");
        Instant deadline = Instant.now().plusSeconds(180);
        while (!Files.exists(info) || field(Files.readString(info), "home") == null) {
            if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("local mode did not start; see " + home.resolve("server.log") + ":\n"
                        + Files.readString(home.resolve("server.log")));
            }
            Thread.sleep(250);
        }
        String json = Files.readString(info);
        base = URI.create(field(json, "url"));
        fastKey = field(json, "apiKey");
        Matcher partnerKey = Pattern.compile("\"partners\".*?\"apiKey\"\\s*:\\s*\"([^\"]*)\"", Pattern.DOTALL).matcher(json);
        if (!partnerKey.find()) {
            throw new IllegalStateException("no partner API key in " + info);
        }
        slowKey = partnerKey.group(1);
        while (http.send(HttpRequest.newBuilder(base.resolve("/health/readiness")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("local mode did not become ready");
            }
            Thread.sleep(250);
        }
    }

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    /** Minute bars of eight symbols, as many whole rows as fit in the size. */
    private static byte[] prices(int size) {
        StringBuilder csv = new StringBuilder(size + 128).append("timestamp,symbol,open,high,low,close,volume\n");
        double price = 100;
        long minute = 1_735_689_600L;
        for (int i = 0; csv.length() < size - 96; i++) {
            price *= 1 + Math.sin(i * 0.37) * 0.004;
            csv.append(minute + (i / 8) * 60L).append(",SYM").append(i % 8).append(',')
                    .append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", price, price * 1.01, price * 0.99,
                            price * 1.001))
                    .append(',').append(1000 + i % 5000).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile(String.format(JSON_STRING.pattern(), name)).matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
