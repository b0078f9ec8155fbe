package io.signalbox.localaws;

import java.io.InputStream;
import java.util.List;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;

import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Takes parts, and lists them, only for multipart uploads that are open, answering {@code 404 NoSuchUpload} for one
 * that was never started, or was completed or aborted, as S3 does. S3Proxy's filesystem store would store a part of
 * an aborted upload where nothing ever removes it, and list an aborted upload as one without parts.
 */
final class OpenUploadsBlobStore extends ForwardingBlobStore {

    OpenUploadsBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream payload) {
        requireOpen(upload);
        return super.uploadMultipartPart(upload, request, payload);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        requireOpen(upload);
        return super.listMultipartUpload(upload);
    }

    private void requireOpen(MultipartUpload upload) {
        if (delegate().blobMetadataIfPresent(upload.containerName(), S3Errors.multipartStubKey(upload.id())) == null) {
            throw S3Errors.noSuchUpload();
        }
    }
}
