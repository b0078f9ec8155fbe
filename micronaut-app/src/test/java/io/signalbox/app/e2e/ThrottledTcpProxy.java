package io.signalbox.app.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback whose answers flow at a fixed rate: a slow network between the service and a server, so
 * that reading an object takes as long as a test needs. What the client sends is relayed at full speed.
 */
final class ThrottledTcpProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final ServerSocket listener;
    private final int targetPort;
    private final long answerBytesPerSecond;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ThrottledTcpProxy(int targetPort, long answerBytesPerSecond) {
        this.targetPort = targetPort;
        this.answerBytesPerSecond = answerBytesPerSecond;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("proxy-accept", this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                sockets.add(client);
                sockets.add(server);
                daemon("proxy-up", () -> pump(client, server, Long.MAX_VALUE));
                daemon("proxy-down", () -> pump(server, client, answerBytesPerSecond));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, long bytesPerSecond) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
                if (bytesPerSecond != Long.MAX_VALUE) {
                    // Pacing is the point of this relay: each chunk takes the time the rate gives it, and an idle
                    // connection earns no credit for a later burst.
                    long nanos = read * 1_000_000_000L / bytesPerSecond;
                    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                }
            }
        } catch (IOException e) {
            // one side closed: the relay ends with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(ThrottledTcpProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
