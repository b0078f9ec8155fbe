package io.signalbox.app.storage;

/**
 * How many uploads this process stores at once: the S3 client of uploads ({@link AwsClientsFactory#UPLOADS}) has a
 * connection for each. The feature that admits uploads says how many.
 */
public interface UploadConcurrency {

    /**
     * @return the uploads this process receives at once, from all tenants together
     */
    int maxUploads();
}
