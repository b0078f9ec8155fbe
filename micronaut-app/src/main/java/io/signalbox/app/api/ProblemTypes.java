package io.signalbox.app.api;

import io.micronaut.http.HttpStatus;
import java.util.Map;

/**
 * The stable {@code type} URI and {@code title} of every error code (docs/errors.md lists them). The URIs are tag
 * URIs (RFC 4151): identifiers that never change, not addresses to fetch.
 */
public final class ProblemTypes {

    /** What every type URI starts with; the error code follows. */
    public static final String TYPE_PREFIX = "tag:signalbox,2025:problem/";

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("bad_request", "Bad request"),
            Map.entry("empty_upload", "Empty upload"),
            Map.entry("unauthorized", "Missing or invalid API key"),
            Map.entry("not_found", "Not found"),
            Map.entry("method_not_allowed", "Method not allowed"),
            Map.entry("not_acceptable", "Not acceptable"),
            Map.entry("request_timeout", "Request timeout"),
            Map.entry("not_ready", "Not ready"),
            Map.entry("job_failed", "Job failed"),
            Map.entry("in_outbox", "Result is in the partner's outbox"),
            Map.entry("conflict", "Conflict"),
            Map.entry("gone", "Gone"),
            Map.entry("payload_too_large", "Payload too large"),
            Map.entry("range_not_satisfiable", "Range not satisfiable"),
            Map.entry("uri_too_long", "URI too long"),
            Map.entry("unsupported_media_type", "Unsupported media type"),
            Map.entry("recipe_invalid", "Invalid recipe"),
            Map.entry("idempotency_key_reused", "Idempotency key reused"),
            Map.entry("invalid_callback_url", "Invalid callback URL"),
            Map.entry("csv_format", "Malformed CSV"),
            Map.entry("limit_exceeded", "Limit exceeded"),
            Map.entry("unprocessable_entity", "Unprocessable content"),
            Map.entry("too_many_requests", "Too many requests"),
            Map.entry("too_many_failed_authentications", "Too many failed authentications"),
            Map.entry("request_header_fields_too_large", "Request headers too large"),
            Map.entry("internal_error", "Internal error"),
            Map.entry("service_unavailable", "Service unavailable"));

    private ProblemTypes() {
    }

    /**
     * @param code an error code
     * @return its type URI
     */
    public static String type(String code) {
        return TYPE_PREFIX + code;
    }

    /**
     * @param code an error code
     * @param status the status it is answered with, whose reason phrase titles a code not listed here
     * @return its title
     */
    public static String title(String code, HttpStatus status) {
        return TITLES.getOrDefault(code, status.getReason());
    }

    /**
     * @return every listed code with its title
     */
    public static Map<String, String> titles() {
        return TITLES;
    }
}
