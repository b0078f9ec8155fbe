package io.signalbox.app.e2e;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One AWS API call as the IAM contract lists it: who made it, the service and operation, and what it was about, with
 * the parts that differ from run to run (job ids) replaced by {@code {id}}. One line of {@code infra-cdk/aws-calls.txt}:
 * {@code caller service:Operation resource [from=source] [denial-expected]}.
 *
 * @param caller the route group, or {@code partner} for a partner's AWS CLI
 * @param call service and operation, such as {@code s3:GetObject} or {@code sqs:ReceiveMessage}
 * @param resource an object key, {@code prefix=} and a listed prefix, a queue's name without the deployment's
 *     prefix ({@code events}), or {@code *}
 * @param source the source key of a copy, or {@code null}
 * @param denialExpected whether the caller takes a refusal of this call as an answer (the readiness probe, Camel's
 *     HeadBucket)
 */
record AwsCall(String caller, String call, String resource, String source, boolean denialExpected)
        implements Comparable<AwsCall> {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Comparator<AwsCall> ORDER = Comparator.comparing(AwsCall::caller)
            .thenComparing(AwsCall::call).thenComparing(AwsCall::resource)
            .thenComparing(call -> call.source() == null ? "" : call.source());

    AwsCall {
        resource = normalized(resource);
        source = source == null ? null : normalized(source);
    }

    /**
     * @param line a line of the contract file
     * @return the call it lists
     */
    static AwsCall parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 3) {
            throw new IllegalArgumentException("'" + line + "' is not a call; expected: caller service:Operation"
                    + " resource [from=source] [denial-expected]");
        }
        String source = null;
        boolean denialExpected = false;
        for (int i = 3; i < parts.length; i++) {
            if (parts[i].startsWith("from=")) {
                source = parts[i].substring("from=".length());
            } else if (parts[i].equals("denial-expected")) {
                denialExpected = true;
            } else {
                throw new IllegalArgumentException("'" + line + "': unknown part '" + parts[i] + "'");
            }
        }
        return new AwsCall(parts[0], parts[1], parts[2], source, denialExpected);
    }

    /** The call as a line of the contract file. */
    String line() {
        return caller + " " + call + " " + resource + (source == null ? "" : " from=" + source)
                + (denialExpected ? " denial-expected" : "");
    }

    /** The same call, whether or not a denial is expected. */
    AwsCall withoutExpectation() {
        return new AwsCall(caller, call, resource, source, false);
    }

    @Override
    public int compareTo(AwsCall other) {
        return ORDER.compare(this, other);
    }

    private static String normalized(String value) {
        return UUID.matcher(value).replaceAll("{id}");
    }
}
