package io.signalbox.infra.construct;

import java.util.regex.Pattern;

/**
 * The domain the API is served under, with the ACM certificate for it; the load balancer then speaks HTTPS.
 *
 * @param domainName     fully qualified name, e.g. {@code api.example.com}
 * @param certificateArn ARN of an ACM certificate in the stack's region that covers the name
 */
public record PublicDomain(String domainName, String certificateArn) {

    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern CERTIFICATE = Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");

    public PublicDomain {
        if (domainName == null || !DOMAIN.matcher(domainName).matches()) {
            throw new IllegalArgumentException("domain name '" + domainName + "' is invalid; expected a lowercase"
                    + " fully qualified name such as api.example.com");
        }
        if (certificateArn == null || !CERTIFICATE.matcher(certificateArn).matches()) {
            throw new IllegalArgumentException("certificate ARN '" + certificateArn + "' is invalid; expected"
                    + " arn:aws:acm:<region>:<account>:certificate/<id>");
        }
    }
}
