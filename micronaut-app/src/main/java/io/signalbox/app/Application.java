package io.signalbox.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.signalbox.app.camel.CamelSettings;
import io.signalbox.app.local.LocalMode;
import io.signalbox.app.local.LocalModeException;
import io.signalbox.app.shutdown.TerminationSignal;

/**
 * Starts Signalbox. {@code local} runs everything on this machine with embedded servers; without it the process
 * runs the route groups of {@code ROUTE_GROUPS} against the AWS services its environment names.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("local")) {
            TerminationSignal.exitThroughShutdownHooks();
            try {
                LocalMode.run(java.util.Arrays.copyOfRange(args, 1, args.length));
            } catch (LocalModeException e) {
                System.err.println("signalbox: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        ApplicationContext application = Micronaut.run(Application.class, args);
        TerminationSignal.drainThenExit(application, application.getBean(CamelSettings.class).shutdownTimeout());
    }
}
