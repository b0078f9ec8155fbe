package io.signalbox.app.e2e;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the requests a partner's AWS CLI made out of its {@code --debug} lines, as calls of caller {@code partner}. */
final class CliCallRecorder implements Consumer<String> {

    private static final Pattern REQUEST = Pattern.compile("Making request for OperationModel\\(name=(\\w+)\\)");

    private final Set<AwsCall> calls = new ConcurrentSkipListSet<>();

    @Override
    public void accept(String debugLine) {
        Matcher request = REQUEST.matcher(debugLine);
        if (request.find()) {
            String resource = param(debugLine, "Key")
                    .or(() -> param(debugLine, "Prefix").map(prefix -> "prefix=" + prefix))
                    .orElse("*");
            String source = param(debugLine, "CopySource").map(copy -> copy.substring(copy.indexOf('/') + 1))
                    .orElse(null);
            calls.add(new AwsCall("partner", "s3:" + request.group(1), resource, source, false));
        }
    }

    /**
     * @return the calls recorded so far
     */
    Set<AwsCall> calls() {
        return Set.copyOf(calls);
    }

    private static Optional<String> param(String line, String name) {
        Matcher matcher = Pattern.compile("'params': \\{[^}]*'" + name + "': '([^']*)'").matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
