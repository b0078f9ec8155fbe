package io.signalbox.app.e2e;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;

/**
 * Records every call of the application's AWS clients, for one caller: the application is started with this
 * interceptor as a bean, and the clients' factories ({@code AwsClientsFactory}, {@code EcsClientFactory}) give it to
 * the clients. What a call is about is read off the request: its object key, listed prefix or queue.
 */
final class AwsCallRecorder implements ExecutionInterceptor {

    /**
     * The storage readiness check lists this prefix and takes a refusal as an answer, as Camel's S3 endpoints take
     * one to the HeadBucket they send when they start.
     */
    private static final String READINESS_PREFIX = "readiness/";

    private final String caller;
    private final String queuePrefix;
    private final Set<AwsCall> calls = new ConcurrentSkipListSet<>();

    /**
     * @param caller who the calls are recorded for: a route group
     * @param queuePrefix the part of every queue name that the deployment adds, such as {@code signalbox-}
     */
    AwsCallRecorder(String caller, String queuePrefix) {
        this.caller = caller;
        this.queuePrefix = queuePrefix;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        String source = null;
        if (request instanceof CopyObjectRequest || request instanceof UploadPartCopyRequest) {
            source = field(request, "SourceKey").orElseGet(() -> copySourceKey(request));
        }
        String resource = resource(service, request);
        boolean probe = resource.equals("prefix=" + READINESS_PREFIX) || operation.equals("HeadBucket");
        calls.add(new AwsCall(caller, service + ":" + operation, resource, source, probe));
    }

    Set<AwsCall> calls() {
        return Set.copyOf(calls);
    }

    private String resource(String service, SdkRequest request) {
        if (service.equals("s3")) {
            return field(request, "Key")
                    .or(() -> field(request, "Prefix").map(prefix -> "prefix=" + prefix))
                    .orElse("*");
        }
        if (service.equals("sqs")) {
            return field(request, "QueueUrl").map(url -> queue(lastSegment(url)))
                    .or(() -> field(request, "QueueName").map(this::queue))
                    .or(() -> field(request, "QueueNamePrefix").map(prefix -> "prefix=" + queue(prefix)))
                    .orElse("*");
        }
        if (service.equals("ecs")) {
            return field(request, "service")
                    .or(() -> request.getValueForField("services", List.class).filter(list -> !list.isEmpty())
                            .map(list -> String.valueOf(list.get(0))))
                    .map(this::queue).orElse("*");
        }
        return "*";
    }

    /** The key of a copy's source given the older way, as {@code bucket/key}, URL-encoded. */
    private static String copySourceKey(SdkRequest request) {
        String copySource = URLDecoder.decode(field(request, "CopySource").orElseThrow(() ->
                new IllegalStateException("a copy without a source: " + request)), StandardCharsets.UTF_8);
        String withoutBucket = copySource.substring(copySource.indexOf('/') + 1);
        int version = withoutBucket.indexOf("?versionId=");
        return version < 0 ? withoutBucket : withoutBucket.substring(0, version);
    }

    /** A queue's or a service's name without the deployment's prefix. */
    private String queue(String name) {
        return name.startsWith(queuePrefix) ? name.substring(queuePrefix.length()) : name;
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static java.util.Optional<String> field(SdkRequest request, String name) {
        return request.getValueForField(name, Object.class).map(Object::toString).filter(value -> !value.isEmpty());
    }
}
