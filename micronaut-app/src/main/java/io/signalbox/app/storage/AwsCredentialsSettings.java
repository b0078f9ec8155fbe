package io.signalbox.app.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import jakarta.validation.constraints.NotBlank;

/**
 * Fixed credentials for S3-API and SQS-API servers other than AWS's (local mode, tests). Absent in AWS, where the
 * task role's credentials are used.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret key
 */
@ConfigurationProperties("signalbox.aws")
@Requires(property = "signalbox.aws.access-key-id")
public record AwsCredentialsSettings(@NotBlank String accessKeyId, @NotBlank String secretAccessKey) {

    @Override
    public String toString() {
        return "AwsCredentialsSettings[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
}
