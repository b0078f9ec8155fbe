package io.signalbox.app.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * One HTTP/1.1 connection written byte by byte, for what well-behaved clients never send: bodies cut off, trickled,
 * chunked past a limit, headers and request lines of any size.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(URI base, Duration readTimeout) {
        try {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout((int) readTimeout.toMillis());
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the request line and headers; the header block ends with the blank line. */
    RawHttp head(String method, String target, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * @return whether the bytes were written; {@code false} once the server has closed the connection
     */
    boolean tryWrite(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    RawHttp write(byte[] bytes) {
        if (!tryWrite(bytes)) {
            throw new AssertionFailedError("the server closed the connection while the request was being written");
        }
        return this;
    }

    /** One chunk of a chunked body; an empty array is the last chunk. */
    RawHttp chunk(byte[] bytes) {
        write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        if (bytes.length > 0) {
            write(bytes);
        }
        return write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Closes the socket without a word: the client vanished. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /**
     * @return whether the server has answered or closed by now, without waiting
     */
    boolean answered() {
        try {
            return in.available() > 0 || socket.isInputShutdown();
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads one response; fails the test when none comes within the read timeout. */
    Response response() {
        try {
            String statusLine = line();
            if (statusLine == null) {
                throw new AssertionFailedError("the server closed the connection without an answer");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            return new Response(status, headers, new String(body(headers), StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new AssertionFailedError("no answer within the read timeout", e);
        } catch (IOException e) {
            throw new AssertionFailedError("reading the answer failed: " + e.getMessage(), e);
        }
    }

    private byte[] body(Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line();
            }
            line();
            return body.toByteArray();
        }
        return new byte[0];
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    record Response(int status, Map<String, String> headers, String body) {
    }
}
