package io.signalbox.app.jmx;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where JMX is served over HTTP (Jolokia), for hawtio and other JMX-over-HTTP clients.
 *
 * @param enabled whether the endpoint runs
 * @param host the address it binds to; loopback by default, so that only this machine (or an ECS Exec port
 *     forward) reaches it
 * @param port its port, 8778 by default (Jolokia's usual one); 0 picks a free port
 * @param user the basic-auth user; required with {@code password} when {@code host} is not a loopback address
 * @param password the basic-auth password
 */
@ConfigurationProperties("signalbox.jolokia")
public record JolokiaSettings(boolean enabled, @NotBlank String host, @Min(0) @Max(65535) int port,
        @Nullable String user, @Nullable String password) {

    /**
     * @return whether requests must authenticate: always when a user is set
     * @throws IllegalStateException when the endpoint is bound to an address other machines can reach and no user
     *     and password are set, or the host is not an address
     */
    public boolean authenticated() {
        boolean credentials = user != null && !user.isBlank() && password != null && !password.isBlank();
        if (!credentials && !loopback()) {
            throw new IllegalStateException("signalbox.jolokia.host=" + host + " is reachable from other machines;"
                    + " JMX can stop routes, so set signalbox.jolokia.user and signalbox.jolokia.password"
                    + " (SIGNALBOX_JOLOKIA_USER, SIGNALBOX_JOLOKIA_PASSWORD) or bind it to 127.0.0.1");
        }
        return credentials;
    }

    private boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("signalbox.jolokia.host=" + host + " is not an address of this machine: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JolokiaSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", user=" + user
                + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
