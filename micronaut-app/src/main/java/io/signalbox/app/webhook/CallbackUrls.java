package io.signalbox.app.webhook;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Decides which callback URLs are accepted: absolute {@code http} or {@code https} URLs without credentials, whose
 * host resolves to public addresses only (unless private ones are allowed), of a tenant that has a webhook secret
 * to sign with. Checks the configured tenants' URLs when the application starts.
 */
@Context
public final class CallbackUrls {

    /** The name of the field or query parameter clients give a job's callback URL in. */
    public static final String FIELD = "callbackUrl";

    static final int MAX_LENGTH = 2048;
    static final int MIN_SECRET_LENGTH = 16;

    private final WebhookSettings settings;
    private final DnsResolver resolver;

    @Inject
    CallbackUrls(WebhookSettings settings) {
        this(settings, GuardedDnsResolver.overSystem(settings.allowPrivateTargets()));
    }

    CallbackUrls(WebhookSettings settings, DnsResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        checkConfiguration(settings);
    }

    /**
     * @param tenantId the job's owner
     * @param given the callback URL as the client gave it, or {@code null}
     * @return the URL to keep with the job, or {@code null} when none was given
     * @throws ApiException 422 naming {@value #FIELD} when the URL is malformed, not http(s), reaches an address
     *     webhooks may not go to, or the tenant has no webhook secret
     */
    public @Nullable String accept(String tenantId, @Nullable String given) {
        if (given == null) {
            return null;
        }
        URI uri;
        try {
            uri = parse(given);
        } catch (IllegalArgumentException e) {
            throw refused(given, e.getMessage());
        }
        if (!settings.secrets().containsKey(tenantId)) {
            throw refused(given, "tenant " + tenantId + " has no webhook secret to sign with; the operator sets one"
                    + " (signalbox.webhooks.secrets." + tenantId + ") before jobs can have callbacks");
        }
        try {
            resolver.resolve(uri.getHost());
        } catch (RefusedTargetException e) {
            throw refused(given, e.getMessage());
        } catch (UnknownHostException e) {
            throw refused(given, "host " + uri.getHost() + " was not found");
        }
        return uri.toString();
    }

    /**
     * @param given a callback URL
     * @return it parsed
     * @throws IllegalArgumentException saying what is wrong with it and what is expected
     */
    static URI parse(String given) {
        if (given.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("it has " + given.length() + " characters; at most " + MAX_LENGTH
                    + " are allowed");
        }
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("it is not a URL (" + e.getReason() + " at index " + e.getIndex()
                    + "); expected an absolute http or https URL such as https://example.com/hooks/signalbox");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException((scheme == null ? "it has no scheme" : "its scheme is " + scheme)
                    + "; expected an absolute http or https URL such as https://example.com/hooks/signalbox");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("it names no host; expected an absolute http or https URL such as"
                    + " https://example.com/hooks/signalbox");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("it carries a user name or password, which would be sent in the clear"
                    + " with every event; put a token in its path or query instead and check the signature");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("it has a fragment (#" + uri.getRawFragment() + "), which is never"
                    + " sent; leave it out");
        }
        return uri;
    }

    private static ApiException refused(String given, String why) {
        String shown = given.length() > 200 ? given.substring(0, 200) + "…" : given;
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_callback_url",
                FIELD + " \"" + shown + "\" is refused: " + why);
    }

    private static void checkConfiguration(WebhookSettings settings) {
        for (Map.Entry<String, String> url : settings.urls().entrySet()) {
            try {
                parse(url.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("signalbox.webhooks.urls." + url.getKey() + ": \"" + url.getValue()
                        + "\" is refused: " + e.getMessage());
            }
            if (!settings.secrets().containsKey(url.getKey())) {
                throw new ConfigurationException("signalbox.webhooks.urls." + url.getKey() + " is set but"
                        + " signalbox.webhooks.secrets." + url.getKey() + " is not; every tenant with webhooks needs a"
                        + " secret to sign them with");
            }
        }
        for (Map.Entry<String, String> secret : settings.secrets().entrySet()) {
            if (secret.getValue() == null || secret.getValue().length() < MIN_SECRET_LENGTH) {
                throw new ConfigurationException("signalbox.webhooks.secrets." + secret.getKey() + " has "
                        + (secret.getValue() == null ? 0 : secret.getValue().length()) + " characters; at least "
                        + MIN_SECRET_LENGTH + " are needed (e.g. openssl rand -hex 32)");
            }
        }
    }
}
