package io.signalbox.app.camel;

import io.micronaut.context.annotation.Factory;
import io.signalbox.app.storage.AwsClientsFactory;
import io.signalbox.app.storage.StorageSettings;
import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.routes.cleanup.CleanupRoutes;
import io.signalbox.routes.cleanup.RetentionPolicy;
import io.signalbox.routes.common.ErrorHandling;
import io.signalbox.routes.common.ObjectEventReader;
import io.signalbox.routes.common.TransientFailureListener;
import io.signalbox.routes.ingest.DropFolderIntake;
import io.signalbox.routes.ingest.IngestRoutes;
import io.signalbox.routes.ingest.UploadIntake;
import io.signalbox.routes.pickup.GetObjectEventReader;
import io.signalbox.routes.pickup.PickupRoutes;
import io.signalbox.routes.pickup.ResultPickups;
import io.signalbox.routes.process.JobExecution;
import io.signalbox.routes.process.JobProcessor;
import io.signalbox.routes.process.ProcessRoutes;
import io.signalbox.routes.storage.StorageRoutes;
import io.signalbox.routes.storage.StreamingUpload;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
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
        return new StreamingUpload(s3, storage.bucket(), storage.partSizeBytes());
    }

    @Singleton
    StorageRoutes storageRoutes(StreamingUpload streamingUpload, @Named(AwsClientsFactory.UPLOADS) S3Client uploads,
            StorageSettings storage) {
        return new StorageRoutes(streamingUpload, new StreamingUpload(uploads, storage.bucket(), storage.partSizeBytes()));
    }

    @Singleton
    IngestRoutes ingestRoutes(UploadIntake intake, DropFolderIntake dropFolder) {
        return new IngestRoutes(new ObjectEventReader(), intake, dropFolder);
    }

    @Singleton
    PickupRoutes pickupRoutes(ResultPickups pickups) {
        return new PickupRoutes(new GetObjectEventReader(), pickups);
    }

    @Singleton
    SignalEngine signalEngine() {
        return SignalEngine.builder().build();
    }

    @Singleton
    ProcessRoutes processRoutes(JobExecution execution, SignalEngine engine, S3Client s3, StorageSettings storage) {
        return new ProcessRoutes(execution,
                new JobProcessor(engine, s3, storage.bucket(), storage.partSizeBytes(), execution));
    }

    @Singleton
    CleanupRoutes cleanupRoutes(RetentionPolicy retention) {
        return new CleanupRoutes(retention);
    }
}
