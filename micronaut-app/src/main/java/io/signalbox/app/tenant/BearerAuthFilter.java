package io.signalbox.app.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.api.ApiError;
import java.util.Optional;

/** Answers 401 to a {@code /v1} request without a valid {@code Authorization: Bearer <key>}; otherwise names its tenant. */
@ServerFilter("/v1/**")
@Order(BearerAuthFilter.ORDER)
public final class BearerAuthFilter {

    /** Its place among the server's filters: {@code ServerFilterPhase.SECURITY}; filters that need the tenant follow. */
    public static final int ORDER = 39_000;


    /** The request attribute holding the caller's {@link Tenant}. */
    public static final String TENANT = "signalbox.tenant";

    private static final String SCHEME = "Bearer ";

    private final TenantRepository tenants;

    BearerAuthFilter(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class);
        if (header.isEmpty() || !header.get().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return unauthorized("missing Authorization header; expected \"Authorization: Bearer <api key>\"");
        }
        String key = header.get().substring(SCHEME.length()).trim();
        Optional<Tenant> tenant = key.isEmpty() ? Optional.empty() : tenants.findByApiKeyHash(ApiKeys.hash(key));
        if (tenant.isEmpty()) {
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
