package io.signalbox.app.storage;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.signalbox.app.admission.AdmissionSettings;
import io.signalbox.app.presigned.PresignedSettings;
import io.signalbox.app.scaling.ProcessServiceSettings;
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
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The S3, SQS and (where the process service may stop when idle) ECS clients, shared by the Camel components (which
 * find them by type) and the application, and the signer of presigned S3 URLs. Routes never build clients of their
 * own.
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
    S3Client uploadsS3Client(StorageSettings storage, AdmissionSettings admission,
            @Nullable AwsCredentialsSettings credentials) {
        return s3(storage, credentials,
                ApacheHttpClient.builder().maxConnections(admission.maxUploads() + SPARE_UPLOAD_CONNECTIONS));
    }

    @Singleton
    @Named(HEALTH)
    @Bean(preDestroy = "close")
    S3Client healthS3Client(StorageSettings storage, @Nullable AwsCredentialsSettings credentials) {
        return s3(storage, credentials, ApacheHttpClient.builder().maxConnections(HEALTH_CONNECTIONS)
                .connectionTimeout(HEALTH_CONNECT_TIMEOUT).connectionAcquisitionTimeout(HEALTH_CONNECT_TIMEOUT));
    }

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
                .credentialsProvider(credentialsProvider(credentials));
        Optional.ofNullable(presigned.publicEndpoint()).or(() -> Optional.ofNullable(storage.endpoint()))
                .ifPresent(endpoint -> builder.endpointOverride(endpoint)
                        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
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

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = ProcessServiceSettings.PREFIX + ".service")
    EcsClient ecsClient(StorageSettings storage, ProcessServiceSettings process,
            @Nullable AwsCredentialsSettings credentials) {
        var builder = EcsClient.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentialsProvider(credentials))
                .overrideConfiguration(configuration -> configuration.executionInterceptors(interceptors))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(2));
        Optional.ofNullable(process.endpoint()).ifPresent(builder::endpointOverride);
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

    private static AwsCredentialsProvider credentialsProvider(@Nullable AwsCredentialsSettings credentials) {
        if (credentials == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey()));
    }
}
