package io.signalbox.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.signalbox.app.camel.CamelSettings;
import io.signalbox.app.shutdown.TerminationSignal;

/**
 * Starts the service: the route groups of {@code ROUTE_GROUPS} against the AWS services its environment names.
 * Local mode, which runs everything on one machine with embedded servers, is a program of its own (module
 * {@code local-mode}), so that the service's jar and image carry none of those servers.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ApplicationContext application = Micronaut.run(Application.class, args);
        TerminationSignal.drainThenExit(application, application.getBean(CamelSettings.class).shutdownTimeout());
    }
}
