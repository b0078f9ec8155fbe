package io.signalbox.app.shutdown;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the process does on SIGTERM, which is how ECS (and {@code docker stop}, and {@code kill}) stops it: it
 * drains first, stopping the SQS consumers and the HTTP listener at once and letting jobs and requests in progress
 * finish within the shutdown timeout; then it closes everything and exits with status 0, which the JVM's default
 * handling of the signal (status 143) would not.
 *
 * <p>The JDK's one way to handle a signal is {@code sun.misc.Signal} (module {@code jdk.unsupported}). It is reached
 * by name: javac warns of any use of it as a proprietary API, a warning no option or annotation silences, and the
 * build treats warnings as errors.
 */
public final class TerminationSignal {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignal.class);

    private TerminationSignal() {
    }

    /**
     * Drains the running application on SIGTERM, then exits 0 through the shutdown hooks, which close it.
     *
     * @param application the started application
     * @param drainTimeout how long jobs and requests in progress may take to finish
     */
    public static void drainThenExit(ApplicationContext application, Duration drainTimeout) {
        onSigterm(() -> {
            LOG.info("SIGTERM: taking no more messages or requests; work in progress gets up to {} s to finish",
                    drainTimeout.toSeconds());
            try {
                application.getBean(GracefulShutdownManager.class).shutdownGracefully().toCompletableFuture()
                        .get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("SIGTERM: work still in progress after {} s is left to be delivered again",
                        drainTimeout.toSeconds());
            } catch (ExecutionException | RuntimeException e) {
                LOG.warn("SIGTERM: draining failed, stopping anyway: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(0);
        });
    }

    /**
     * Exits 0 on SIGTERM through the shutdown hooks, for a process whose own hook stops it in order (local mode).
     */
    public static void exitThroughShutdownHooks() {
        onSigterm(() -> System.exit(0));
    }

    /** Runs the action on SIGTERM instead of the JVM's own handling of it. */
    private static void onSigterm(Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object sigterm = signalType.getConstructor(String.class).newInstance("TERM");
            Object handler = Proxy.newProxyInstance(TerminationSignal.class.getClassLoader(),
                    new Class<?>[] {handlerType}, (proxy, method, arguments) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return switch (method.getName()) {
                                case "equals" -> proxy == arguments[0];
                                case "hashCode" -> System.identityHashCode(proxy);
                                default -> "SIGTERM handler of Signalbox";
                            };
                        }
                        action.run();
                        return null;
                    });
            signalType.getMethod("handle", signalType, handlerType).invoke(null, sigterm, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot handle SIGTERM: this JVM has no sun.misc.Signal (module"
                    + " jdk.unsupported); " + e, e);
        }
    }
}
