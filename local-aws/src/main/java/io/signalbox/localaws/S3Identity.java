package io.signalbox.localaws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who signed an S3 request, described the way IAM describes a user: events carry its principal id and ARN, as
 * S3 and CloudTrail put them in theirs.
 */
record S3Identity(String userName, String accessKey, String secretKey) {

    static final String ACCOUNT_ID = "000000000000";

    static S3Identity service(String accessKey, String secretKey) {
        return new S3Identity("signalbox", accessKey, secretKey);
    }

    static S3Identity partner(LocalAws.PartnerCredentials partner) {
        return new S3Identity("partner-" + partner.name(), partner.accessKey(), partner.secretKey());
    }

    static S3Identity anonymous() {
        return new S3Identity("anonymous", "", "");
    }

    boolean isAnonymous() {
        return accessKey.isEmpty();
    }

    /** IAM's unique id of a user: "AIDA" and 17 characters, stable for a user name. */
    String principalId() {
        if (isAnonymous()) {
            return "ANONYMOUS_PRINCIPAL";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userName.getBytes(StandardCharsets.UTF_8));
            return "AIDA" + HexFormat.of().formatHex(digest).substring(0, 17).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    String arn() {
        return "arn:aws:iam::" + ACCOUNT_ID + ":user/" + userName;
    }

    @Override
    public String toString() {
        return "S3Identity[userName=" + userName + ", accessKey=" + accessKey + "]";
    }
}
