package io.signalbox.app.webhook;

import java.net.UnknownHostException;

/**
 * A webhook target whose host resolves to an address webhooks may not go to. An {@link UnknownHostException}, so
 * that the HTTP client treats the host as one it cannot reach and never connects.
 */
final class RefusedTargetException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    /**
     * @param host the host as the URL names it
     * @param address the refused address it resolves to
     * @param kind what kind of address it is
     */
    RefusedTargetException(String host, String address, String kind) {
        super(host.equals(address)
                ? address + " is " + kind + "; webhooks go to public addresses only"
                : host + " resolves to " + address + ", " + kind + "; webhooks go to public addresses only");
    }
}
