package io.signalbox.app.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.api.ApiError;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers 401 to a {@code /v1} request without a valid {@code Authorization: Bearer <key>}; otherwise names its tenant.
 * A client address with too many failures lately is answered 429 with {@code Retry-After} instead, before its key is
 * looked at ({@link FailedAuthentications}). Keys are looked up on every request, so a revoked key fails at once.
 */
@ServerFilter("/v1/**")
@Order(BearerAuthFilter.ORDER)
public final class BearerAuthFilter {

    /** Its place among the server's filters: {@code ServerFilterPhase.SECURITY}; filters that need the tenant follow. */
    public static final int ORDER = 39_000;


    /** The request attribute holding the caller's {@link Tenant}. */
    public static final String TENANT = "signalbox.tenant";

    private static final String SCHEME = "Bearer ";

    private final TenantRepository tenants;
    private final FailedAuthentications failures;
    private final HttpClientAddressResolver addresses;

    BearerAuthFilter(TenantRepository tenants, FailedAuthentications failures, HttpClientAddressResolver addresses) {
        this.tenants = tenants;
        this.failures = failures;
        this.addresses = addresses;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        String address = Optional.ofNullable(addresses.resolve(request)).orElse("unknown");
        Optional<Duration> wait = failures.blocked(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return ApiError.of(HttpStatus.TOO_MANY_REQUESTS, "too_many_failed_authentications", "too many requests"
                    + " with a missing or invalid API key from this address; try again in " + seconds + " s")
                    .toResponse().header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        }
        Optional<String> header = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            failures.failed(address);
            return unauthorized("missing Authorization header; expected \"Authorization: Bearer <api key>\"");
        }
        String key = header.get().substring(SCHEME.length()).trim();
        Optional<Tenant> tenant = key.isEmpty() ? Optional.empty() : tenants.findByApiKeyHash(ApiKeys.hash(key));
        if (tenant.isEmpty()) {
            failures.failed(address);
            return unauthorized("the API key is not valid");
        }
        request.setAttribute(TENANT, tenant.get());
        return null;
    }

    private static HttpResponse<?> unauthorized(String message) {
        return ApiError.of(HttpStatus.UNAUTHORIZED, "unauthorized", message).toResponse()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"signalbox\"");
    }
}
