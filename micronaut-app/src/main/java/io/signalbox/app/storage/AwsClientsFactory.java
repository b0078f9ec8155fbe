package io.signalbox.app.storage;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The S3 and SQS clients, shared by the Camel components (which find them by type) and the application. Routes never
 * build clients of their own; the features that use another AWS client (ECS) or sign URLs build theirs with
 * {@link #credentialsProvider}.
 *
 * <p>S3 has one client per use, each with its own connections, so that no use can take another's: the primary
 * client serves processing, downloads and the cleanup; {@value #UPLOADS} stores the files clients upload, with one
 * connection per upload admitted at once; {@value #HEALTH} answers readiness checks, which never wait behind
 * transfers.
 *
 * <p>Every {@link ExecutionInterceptor} bean sees every call of these clients. The application defines none; tests
 * register one to record which calls each route group makes.
 */
@Factory
public class AwsClientsFactory {

    /** Qualifier of the S3 client that stores uploaded files. */
    public static final String UPLOADS = "uploads";
    /** Qualifier of the S3 client of readiness checks. */
    public static final String HEALTH = "health";

    /** Connections of the uploads client beyond one per admitted upload: room for a retry's new connection. */
    private static final int SPARE_UPLOAD_CONNECTIONS = 4;
    private static final int HEALTH_CONNECTIONS = 4;
    private static final Duration HEALTH_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final List<ExecutionInterceptor> interceptors;

    AwsClientsFactory(List<ExecutionInterceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    @Singleton
    @Primary
    @Bean(preDestroy = "close")
    S3Client s3Client(StorageSettings storage, @Nullable AwsCredentialsSettings credentials) {
        return s3(storage, credentials, ApacheHttpClient.builder().maxConnections(64));
    }

    @Singleton
    @Named(UPLOADS)
    @Bean(preDestroy = "close")
    S3Client uploadsS3Client(StorageSettings storage, UploadConcurrency uploads,
            @Nullable AwsCredentialsSettings credentials) {
        return s3(storage, credentials,
                ApacheHttpClient.builder().maxConnections(uploads.maxUploads() + SPARE_UPLOAD_CONNECTIONS));
    }

    @Singleton
    @Named(HEALTH)
    @Bean(preDestroy = "close")
    S3Client healthS3Client(StorageSettings storage, @Nullable AwsCredentialsSettings credentials) {
        return s3(storage, credentials, ApacheHttpClient.builder().maxConnections(HEALTH_CONNECTIONS)
                .connectionTimeout(HEALTH_CONNECT_TIMEOUT).connectionAcquisitionTimeout(HEALTH_CONNECT_TIMEOUT));
    }

    @Singleton
    @Bean(preDestroy = "close")
    SqsClient sqsClient(StorageSettings storage, QueueSettings queues, @Nullable AwsCredentialsSettings credentials) {
        var builder = SqsClient.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentialsProvider(credentials))
                .overrideConfiguration(configuration -> configuration.executionInterceptors(interceptors))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32));
        Optional.ofNullable(queues.endpoint()).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private S3Client s3(StorageSettings storage, @Nullable AwsCredentialsSettings credentials,
            ApacheHttpClient.Builder connections) {
        var builder = S3Client.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentialsProvider(credentials))
                .overrideConfiguration(configuration -> configuration.executionInterceptors(interceptors))
                .httpClientBuilder(connections);
        Optional.ofNullable(storage.endpoint()).ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                // Servers other than S3 differ in their support of the newer flexible checksums; send and check
                // them only where the API requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    /**
     * @param credentials the access key to use, or {@code null} for AWS's default chain (the task role in ECS)
     * @return the credentials of every AWS client of the application
     */
    public static AwsCredentialsProvider credentialsProvider(@Nullable AwsCredentialsSettings credentials) {
        if (credentials == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }
}
