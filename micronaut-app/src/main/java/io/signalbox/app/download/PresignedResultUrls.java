package io.signalbox.app.download;

import io.signalbox.app.storage.StorageSettings;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Signs the URLs through which clients download results straight from storage. Signing needs no call to AWS; the
 * URL carries the service's own credentials' signature and works for {@code signalbox.download.presigned-url-lifetime}
 * (and never past the expiry of the credentials that signed it). Storage answers it with the result's content type
 * and a {@code Content-Disposition} naming the file, as the streamed download does.
 */
@Singleton
final class PresignedResultUrls {

    private final S3Presigner presigner;
    private final DownloadSettings settings;
    private final String bucket;

    PresignedResultUrls(S3Presigner presigner, DownloadSettings settings, StorageSettings storage) {
        this.presigner = presigner;
        this.settings = settings;
        this.bucket = storage.bucket();
    }

    /**
     * @param key the result's key
     * @param headers what the download says about the result: its content type and file name
     * @return the URL of a {@code GET} of the result and when it stops working
     */
    ResultRedirect sign(String key, ResultHeaders headers) {
        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
                .signatureDuration(settings.presignedUrlLifetime())
                .getObjectRequest(get -> get.bucket(bucket).key(key)
                        .responseContentType(headers.contentType())
                        .responseContentDisposition(ContentDisposition.attachment(headers.fileName()))));
        try {
            return new ResultRedirect(presigned.url().toURI(), presigned.expiration(), headers);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the S3 presigner made a URL that is no URI: " + e.getMessage(), e);
        }
    }
}
