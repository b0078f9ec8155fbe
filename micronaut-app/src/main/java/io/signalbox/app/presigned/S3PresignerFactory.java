package io.signalbox.app.presigned;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.signalbox.app.storage.AwsClientsFactory;
import io.signalbox.app.storage.AwsCredentialsSettings;
import io.signalbox.app.storage.StorageSettings;
import jakarta.inject.Singleton;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The signer of the presigned S3 URLs of uploads and downloads. */
@Factory
class S3PresignerFactory {

    /**
     * Signs URLs for the S3 endpoint clients see: the public endpoint when one is set, else the service's own. Any
     * endpoint but AWS's is addressed path-style, as the client is.
     */
    @Singleton
    @Bean(preDestroy = "close")
    S3Presigner s3Presigner(StorageSettings storage, PresignedSettings presigned,
            @Nullable AwsCredentialsSettings credentials) {
        var builder = S3Presigner.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(AwsClientsFactory.credentialsProvider(credentials));
        Optional.ofNullable(presigned.publicEndpoint()).or(() -> Optional.ofNullable(storage.endpoint()))
                .ifPresent(endpoint -> builder.endpointOverride(endpoint)
                        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }
}
