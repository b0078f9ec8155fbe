package io.signalbox.localaws;

import java.util.Locale;

/**
 * How an S3 request proved who sent it, named as CloudTrail names it in
 * {@code additionalEventData.AuthenticationMethod}: a signed {@code Authorization} header (the SDKs' and the CLI's
 * way), or a signature in the query string (a presigned URL). Consumers of GetObject events tell a read through a
 * presigned URL from the signer's own reads by it, since both carry the signer's identity.
 */
enum AuthenticationMethod {

    AUTH_HEADER("AuthHeader"),
    QUERY_STRING("QueryString"),
    /** Neither: an anonymous request, for which CloudTrail records no method. */
    NONE(null);

    private final String cloudTrailName;

    AuthenticationMethod(String cloudTrailName) {
        this.cloudTrailName = cloudTrailName;
    }

    /**
     * @return the value CloudTrail records, or {@code null} when it records none
     */
    String cloudTrailName() {
        return cloudTrailName;
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @param query the request's raw query string, or {@code null}
     * @return how the request was authenticated: SigV4 ({@code X-Amz-Signature}) and SigV2 ({@code Signature})
     *     query parameters make a presigned URL
     */
    static AuthenticationMethod of(String authorization, String query) {
        if (authorization != null && !authorization.isBlank()) {
            return AUTH_HEADER;
        }
        if (query != null) {
            for (String parameter : query.split("&")) {
                String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (name.equals("x-amz-signature") || name.equals("signature")) {
                    return QUERY_STRING;
                }
            }
        }
        return NONE;
    }
}
