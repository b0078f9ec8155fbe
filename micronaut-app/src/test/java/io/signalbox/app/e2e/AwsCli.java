package io.signalbox.app.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * The client partners really use: Debian's AWS CLI v2 at {@code /usr/bin/aws}, called by its full path because
 * another {@code aws} (a version 1) may come first on the PATH. It runs as a partner would run it: the partner's
 * credentials, the embedded S3 server's endpoint URL, the region, and no configuration of its own.
 */
final class AwsCli {

    static final Path BINARY = Path.of("/usr/bin/aws");
    private static final Pattern REQUEST = Pattern.compile("Making request for OperationModel\\(name=(\\w+)\\)");
    private static final Pattern DEBUG_LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+ - ");

    private final URI endpoint;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private final Path home;
    private final Set<AwsCall> calls = new ConcurrentSkipListSet<>();
    private boolean recording;

    AwsCli(URI endpoint, String region, String accessKey, String secretKey, Path home) {
        this.endpoint = endpoint;
        this.region = region;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.home = home;
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve("config"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails, rather than skips, when the CLI is missing: CI installs it, and without it nothing here is tested. */
    static void requireInstalled() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionFailedError("The drop-folder tests drive Debian's AWS CLI v2 at " + BINARY
                    + ", which is not installed. Install it with: apt-get update && apt-get install -y awscli"
                    + " (.ci/run does this).");
        }
        Result version = run(List.of(BINARY.toString(), "--version"), Map.of());
        if (version.exitCode() != 0 || !version.stdout().startsWith("aws-cli/2.")) {
            throw new AssertionFailedError("The drop-folder tests need the AWS CLI v2 at " + BINARY + "; it answered "
                    + version.exitCode() + ": " + version.stdout() + version.stderr());
        }
    }

    /**
     * From now on, every call this CLI makes to S3 is recorded (from its {@code --debug} output) as made by
     * {@code partner}.
     *
     * @return this
     */
    AwsCli recording() {
        recording = true;
        return this;
    }

    /**
     * @return the calls recorded so far
     */
    Set<AwsCall> calls() {
        return Set.copyOf(calls);
    }

    /**
     * @param arguments the command, such as {@code s3 cp FILE s3://bucket/key}
     * @return how it ended
     */
    Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--endpoint-url", endpoint.toString()));
        if (recording) {
            command.add("--debug");
        }
        command.addAll(List.of(arguments));
        Result result = run(command, environment());
        return recording ? record(result) : result;
    }

    /** Takes the calls out of the debug lines, and the debug lines out of the error output. */
    private Result record(Result result) {
        StringBuilder errors = new StringBuilder();
        for (String line : result.stderr().split("\n")) {
            Matcher request = REQUEST.matcher(line);
            if (request.find()) {
                String resource = param(line, "Key")
                        .or(() -> param(line, "Prefix").map(prefix -> "prefix=" + prefix))
                        .orElse("*");
                String source = param(line, "CopySource").map(copy -> copy.substring(copy.indexOf('/') + 1))
                        .orElse(null);
                calls.add(new AwsCall("partner", "s3:" + request.group(1), resource, source, false));
            } else if (!DEBUG_LINE.matcher(line).find()) {
                errors.append(line).append('\n');
            }
        }
        return new Result(result.exitCode(), result.stdout(), errors.toString());
    }

    private static Optional<String> param(String line, String name) {
        Matcher matcher = Pattern.compile("'params': \\{[^}]*'" + name + "': '([^']*)'").matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * @param arguments the command
     * @return its standard output
     * @throws AssertionFailedError naming the command and its error output when it fails
     */
    String succeed(String... arguments) {
        Result result = run(arguments);
        if (result.exitCode() != 0) {
            throw new AssertionFailedError("aws " + String.join(" ", arguments) + " exited with " + result.exitCode()
                    + ": " + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    /**
     * @param s3Url a folder, such as {@code s3://signalbox/outbox/acme/}
     * @return what {@code aws s3 ls} lists there, empty when nothing is (the CLI then exits with 1 and says nothing)
     */
    String list(String s3Url) {
        Result result = run("s3", "ls", s3Url);
        // Recording leaves debug lines in the error output; a failure to list exits with 254 or 255, not 1.
        boolean nothingThere = result.exitCode() == 1 && result.stdout().isEmpty()
                && (recording || result.stderr().isBlank());
        if (result.exitCode() != 0 && !nothingThere) {
            throw new AssertionFailedError("aws s3 ls " + s3Url + " exited with " + result.exitCode() + ": "
                    + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    /**
     * Runs a shell pipeline in which {@code aws} is this partner's CLI, e.g. to cut a download short with
     * {@code head}.
     *
     * @param pipeline the pipeline, for {@code bash -c}; {@code "$AWS"} is the CLI with its endpoint
     * @return how it ended
     */
    Result pipe(String pipeline) {
        Map<String, String> environment = environment();
        environment.put("AWS", BINARY + " --endpoint-url " + endpoint);
        return run(List.of("bash", "-c", pipeline), environment);
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ACCESS_KEY_ID", accessKey);
        environment.put("AWS_SECRET_ACCESS_KEY", secretKey);
        environment.put("AWS_DEFAULT_REGION", region);
        environment.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("config").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_PAGER", "");
        environment.put("HOME", home.toString());
        return environment;
    }

    private static Result run(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, true));
            String stdout = read(process, false);
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionFailedError(String.join(" ", command) + " did not finish within 3 minutes");
            }
            return new Result(process.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not be started", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Process process, boolean errors) {
        try {
            return new String((errors ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param exitCode the process's exit code
     * @param stdout what it printed
     * @param stderr what it printed as errors
     */
    record Result(int exitCode, String stdout, String stderr) {
    }
}
