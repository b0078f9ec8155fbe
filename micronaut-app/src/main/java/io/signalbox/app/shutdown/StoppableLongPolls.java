package io.signalbox.app.shutdown;

import jakarta.inject.Singleton;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The SQS client of the queue consumers, made so that a stop need not wait out their long polls.
 *
 * <p>Camel's shutdown waits for every poll in progress, and a long poll on a quiet queue lasts its whole wait time.
 * After {@link #stop()}, a receive in progress answers at once with no messages and a new one never starts. The real
 * receive still ends in the background; any message it brings then is made visible again at once
 * ({@code ChangeMessageVisibility} 0), so it is delivered to another consumer instead of waiting out its visibility
 * timeout. Every other call goes straight to the application's client.
 */
@Singleton
public final class StoppableLongPolls {

    private static final Logger LOG = LoggerFactory.getLogger(StoppableLongPolls.class);

    private final SqsClient client;
    private final SqsClient consumersClient;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final ExecutorService receives = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "sqs-long-poll");
        thread.setDaemon(true);
        return thread;
    });

    StoppableLongPolls(SqsClient client) {
        this.client = client;
        this.consumersClient = (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(),
                new Class<?>[] {SqsClient.class}, new Handler());
    }

    /**
     * @return the client to give the queue consumers
     */
    public SqsClient consumersClient() {
        return consumersClient;
    }

    /** Ends the receives in progress at once and refuses new ones; what they still bring goes back to the queue. */
    public void stop() {
        stopped.complete(null);
        receives.shutdown();
    }

    private ReceiveMessageResponse receive(ReceiveMessageRequest request) {
        if (stopped.isDone()) {
            return nothing();
        }
        CompletableFuture<ReceiveMessageResponse> real;
        try {
            real = CompletableFuture.supplyAsync(() -> client.receiveMessage(request), receives);
        } catch (RejectedExecutionException e) {
            return nothing();
        }
        try {
            CompletableFuture.anyOf(real, stopped).get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (real.isDone()) {
            try {
                return real.join();
            } catch (CompletionException | CancellationException e) {
                throw unwrap(e.getCause() == null ? e : e.getCause());
            }
        }
        real.thenAccept(late -> release(request.queueUrl(), late.messages()));
        return nothing();
    }

    private static ReceiveMessageResponse nothing() {
        return ReceiveMessageResponse.builder().messages(List.of()).build();
    }

    private void release(String queueUrl, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            client.changeMessageVisibilityBatch(batch -> batch.queueUrl(queueUrl).entries(messages.stream()
                    .map(message -> ChangeMessageVisibilityBatchRequestEntry.builder()
                            .id(message.messageId())
                            .receiptHandle(message.receiptHandle())
                            .visibilityTimeout(0)
                            .build())
                    .toList()));
            LOG.info("{} messages received while stopping were returned to {}", messages.size(), queueUrl);
        } catch (RuntimeException e) {
            LOG.warn("{} messages received while stopping stay invisible on {} until their visibility timeout: {}",
                    messages.size(), queueUrl, e.getMessage());
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private final class Handler implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("receiveMessage") && args != null && args.length == 1) {
                if (args[0] instanceof ReceiveMessageRequest request) {
                    return receive(request);
                }
                if (args[0] instanceof Consumer<?> mutation) {
                    @SuppressWarnings("unchecked")
                    Consumer<ReceiveMessageRequest.Builder> builder = (Consumer<ReceiveMessageRequest.Builder>) mutation;
                    return receive(ReceiveMessageRequest.builder().applyMutation(builder).build());
                }
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "StoppableLongPolls(" + client + ")";
                };
            }
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
