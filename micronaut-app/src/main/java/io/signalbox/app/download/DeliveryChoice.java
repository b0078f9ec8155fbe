package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.signalbox.app.api.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * How a client wants a result delivered: streamed through the API, or as a redirect to a presigned URL of it in
 * storage. {@code ?delivery=presigned} or {@code ?delivery=stream} decides when given; otherwise the preference
 * {@code return=redirect} (RFC 7240 {@code Prefer}) asks for the redirect.
 *
 * @param redirect whether to answer with a redirect
 * @param preferenceApplied whether the redirect honours a {@code Prefer: return=redirect}, to be named in
 *     {@code Preference-Applied}
 */
record DeliveryChoice(boolean redirect, boolean preferenceApplied) {

    static final String PRESIGNED = "presigned";
    static final String STREAM = "stream";
    static final String RETURN_REDIRECT = "return=redirect";

    /**
     * @param delivery the query parameter {@code delivery}, or {@code null}
     * @param prefer every {@code Prefer} header of the request
     * @return the choice
     * @throws ApiException 400 naming the value when {@code delivery} is neither {@code presigned} nor {@code stream}
     */
    static DeliveryChoice of(@Nullable String delivery, List<String> prefer) {
        if (delivery != null) {
            return switch (delivery) {
                case PRESIGNED -> new DeliveryChoice(true, false);
                case STREAM -> new DeliveryChoice(false, false);
                default -> throw new ApiException(HttpStatus.BAD_REQUEST, "bad_request", "delivery is \""
                        + delivery + "\"; expected \"" + PRESIGNED + "\" (a redirect to a presigned URL) or \""
                        + STREAM + "\" (the result in the answer)");
            };
        }
        boolean preferred = prefersRedirect(prefer);
        return new DeliveryChoice(preferred, preferred);
    }

    /** RFC 7240: preferences are comma-separated, each a token with an optional value and parameters after ';'. */
    private static boolean prefersRedirect(List<String> headers) {
        for (String header : headers) {
            for (String preference : header.split(",")) {
                String[] nameAndValue = preference.split(";", 2)[0].split("=", 2);
                if (nameAndValue.length == 2 && nameAndValue[0].trim().toLowerCase(Locale.ROOT).equals("return")
                        && unquoted(nameAndValue[1].trim()).equalsIgnoreCase("redirect")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String unquoted(String word) {
        return word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"")
                ? word.substring(1, word.length() - 1) : word;
    }
}
