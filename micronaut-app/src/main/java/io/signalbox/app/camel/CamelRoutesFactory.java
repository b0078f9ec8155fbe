package io.signalbox.app.camel;

import io.micronaut.context.annotation.Factory;
import io.signalbox.app.job.RetentionSettings;
import io.signalbox.app.storage.AwsClientsFactory;
import io.signalbox.app.storage.StorageSettings;
import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.routes.cleanup.AbandonedUploads;
import io.signalbox.routes.cleanup.CleanupRoutes;
import io.signalbox.routes.cleanup.RetentionPolicy;
import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.ObjectEventReader;
import io.signalbox.routes.common.TransientFailureListener;
import io.signalbox.routes.ingest.DropIntake;
import io.signalbox.routes.ingest.IngestRoutes;
import io.signalbox.routes.ingest.OutboxDeletions;
import io.signalbox.routes.ingest.UploadIntake;
import io.signalbox.routes.cleanup.GetObjectEventReader;
import io.signalbox.routes.cleanup.PickupRoutes;
import io.signalbox.routes.cleanup.PresignedDownloads;
import io.signalbox.routes.cleanup.ResultPickups;
import io.signalbox.routes.process.JobExecution;
import io.signalbox.routes.process.JobProcessor;
import io.signalbox.routes.process.ProcessRoutes;
import io.signalbox.routes.storage.DeletionReceipts;
import io.signalbox.routes.storage.MultipartUploads;
import io.signalbox.routes.storage.PartStorage;
import io.signalbox.routes.storage.StorageRoutes;
import io.signalbox.routes.storage.StreamingUpload;
import io.signalbox.routes.webhook.WebhookOutbox;
import io.signalbox.routes.webhook.WebhookRoutes;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the route builders and their adapters from the application's beans. */
@Factory
public class CamelRoutesFactory {

    @Singleton
    ErrorHandling errorHandling(TransientFailureListener listener) {
        return new ErrorHandling(listener);
    }

    @Singleton
    StreamingUpload streamingUpload(S3Client s3, StorageSettings storage) {
        return new StreamingUpload(s3, storage.bucket(), storage.partSchedule(),
                PartStorage.inTemporaryFolder(storage.maxPartInMemoryBytes()));
    }

    @Singleton
    MultipartUploads multipartUploads(S3Client s3, StorageSettings storage) {
        return new MultipartUploads(s3, storage.bucket());
    }

    /** Clients' uploads have S3 connections of their own, so that slow senders never hold up anything else. */
    @Singleton
    StorageRoutes storageRoutes(StreamingUpload streamingUpload, @Named(AwsClientsFactory.UPLOADS) S3Client uploads,
            StorageSettings storage, MultipartUploads multipartUploads, DeletionReceipts receipts) {
        StreamingUpload receiving = new StreamingUpload(uploads, storage.bucket(), storage.partSchedule(),
                PartStorage.inTemporaryFolder(storage.maxPartInMemoryBytes()));
        return new StorageRoutes(streamingUpload, receiving, multipartUploads, receipts);
    }

    @Singleton
    IngestRoutes ingestRoutes(UploadIntake uploads, DropIntake drops, OutboxDeletions outboxDeletions,
            StorageSettings storage) {
        return new IngestRoutes(new ObjectEventReader(), storage.bucket(), uploads, drops, outboxDeletions);
    }

    @Singleton
    PickupRoutes pickupRoutes(ResultPickups pickups, PresignedDownloads presignedDownloads) {
        return new PickupRoutes(new GetObjectEventReader(), pickups, presignedDownloads);
    }

    @Singleton
    SignalEngine signalEngine() {
        return SignalEngine.builder().build();
    }

    @Singleton
    ProcessRoutes processRoutes(JobExecution execution, SignalEngine engine, S3Client s3, StreamingUpload results) {
        return new ProcessRoutes(execution, new JobProcessor(engine, s3, results, execution));
    }

    @Singleton
    CleanupRoutes cleanupRoutes(RetentionPolicy retention, MultipartUploads multipartUploads,
            RetentionSettings settings) {
        return new CleanupRoutes(retention,
                new AbandonedUploads(multipartUploads, settings.abandonedUploadAge(), Clock.systemUTC()));
    }

    @Singleton
    WebhookRoutes webhookRoutes(WebhookOutbox outbox) {
        return new WebhookRoutes(outbox);
    }
}
