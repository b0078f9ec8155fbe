package io.signalbox.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks before anything starts that local mode's ports are free, so that a second instance, or another program on
 * one of the ports, is answered with the port and the setting to change instead of a server's stack trace.
 */
final class FreePorts {

    private FreePorts() {
    }

    static void require(LocalSettings settings) {
        require(settings.httpPort(), "the REST API", "SIGNALBOX_PORT");
        require(settings.s3Port(), "the embedded S3-API server", "SIGNALBOX_S3_PORT");
        require(settings.sqsPort(), "the embedded SQS-API server", "SIGNALBOX_SQS_PORT");
        require(settings.jmxPort(), "JMX over HTTP (Jolokia, for hawtio)", "SIGNALBOX_JOLOKIA_PORT");
    }

    private static void require(int port, String user, String setting) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new LocalModeException("port " + port + ", for " + user + ", is in use (is Signalbox already"
                    + " running?); stop what listens there, or choose another port with " + setting + "=<port>", e);
        }
    }
}
