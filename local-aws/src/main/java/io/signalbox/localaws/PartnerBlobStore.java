package io.signalbox.localaws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A partner's view of the store: every operation is checked against the {@link PartnerPolicy} before it reaches
 * the store, and whatever the policy does not name is refused. S3Proxy's own multipart bookkeeping objects, which
 * it reads and writes on the partner's behalf while an upload runs, pass unchecked.
 */
final class PartnerBlobStore extends ForwardingBlobStore {

    private final PartnerPolicy policy;

    PartnerBlobStore(BlobStore delegate, PartnerPolicy policy) {
        super(delegate);
        this.policy = policy;
    }

    /**
     * S3Proxy has already told the client to send the body (100 Continue) when the store is asked to write it, and
     * Jetty drops a connection whose request body is left unread, so the client would see a broken pipe instead of
     * the refusal. Reading the body to its end first lets the 403 reach the client.
     */
    private void checkWriteWithBody(String bucket, String key, InputStream payload) {
        try {
            policy.checkWrite("s3:PutObject", bucket, key);
        } catch (S3Exception denied) {
            try (payload) {
                payload.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                denied.addSuppressed(e);
            }
            throw denied;
        }
    }

    @Override
    public ListBucketsResponse list() {
        throw policy.denyBucket("s3:ListAllMyBuckets", null);
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        policy.checkList(request.bucket(), request.prefix());
        return super.list(request);
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        throw policy.denyBucket("s3:ListBucket", request.bucket());
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        throw policy.denyBucket("s3:CreateBucket", request.bucket());
    }

    @Override
    public BucketCannedACL getContainerAccess(String container) {
        throw policy.denyBucket("s3:GetBucketAcl", container);
    }

    @Override
    public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
        throw policy.denyBucket("s3:GetBucketAcl", request.bucket());
    }

    @Override
    public void setContainerAccess(String container, BucketCannedACL access) {
        throw policy.denyBucket("s3:PutBucketAcl", container);
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        throw policy.denyBucket("s3:DeleteObject", request.bucket());
    }

    @Override
    public void deleteContainer(String container) {
        throw policy.denyBucket("s3:DeleteBucket", container);
    }

    @Override
    public void deleteBucket(String container) {
        throw policy.denyBucket("s3:DeleteBucket", container);
    }

    @Override
    public boolean blobExists(String container, String name) {
        if (!S3Errors.isS3ProxyBookkeeping(name)) {
            policy.checkRead("s3:GetObject", container, name);
        }
        return super.blobExists(container, name);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        if (!S3Errors.isS3ProxyBookkeeping(request.key())) {
            checkWriteWithBody(request.bucket(), request.key(), payload);
        }
        return super.putBlob(request, payload);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        policy.checkRead("s3:GetObject", request.sourceBucket(), request.sourceKey());
        policy.checkWrite("s3:PutObject", request.destinationBucket(), request.destinationKey());
        return super.copyBlob(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        if (!S3Errors.isS3ProxyBookkeeping(request.key())) {
            policy.checkRead("s3:GetObject", request.bucket(), request.key());
        }
        return super.blobMetadata(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        if (!S3Errors.isS3ProxyBookkeeping(request.key())) {
            policy.checkRead("s3:GetObject", request.bucket(), request.key());
        }
        return super.getBlob(request);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        if (!S3Errors.isS3ProxyBookkeeping(request.key())) {
            policy.checkDelete("s3:DeleteObject", request.bucket(), request.key());
        }
        return super.removeBlob(request);
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        throw policy.denyBucket("s3:GetBucketVersioning", request.bucket());
    }

    @Override
    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        throw policy.denyBucket("s3:PutBucketVersioning", request.bucket());
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        throw policy.denyBucket("s3:ListBucketVersions", request.bucket());
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        throw policy.denyBucket("s3:GetEncryptionConfiguration", request.bucket());
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        throw policy.denyBucket("s3:PutEncryptionConfiguration", request.bucket());
    }

    @Override
    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        throw policy.denyBucket("s3:PutEncryptionConfiguration", request.bucket());
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name) {
        if (!S3Errors.isS3ProxyBookkeeping(name)) {
            throw policy.denyObject("s3:GetObjectAcl", container, name);
        }
        return super.getBlobAccess(container, name);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name, String versionId) {
        throw policy.denyObject("s3:GetObjectVersionAcl", container, name);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        throw policy.denyObject("s3:GetObjectAcl", request.bucket(), request.key());
    }

    @Override
    public void setBlobAccess(String container, String name, ObjectCannedACL access) {
        if (!S3Errors.isS3ProxyBookkeeping(name)) {
            throw policy.denyObject("s3:PutObjectAcl", container, name);
        }
        super.setBlobAccess(container, name, access);
    }

    @Override
    public void setBlobAccess(String container, String name, ObjectCannedACL access, String versionId) {
        throw policy.denyObject("s3:PutObjectVersionAcl", container, name);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        policy.checkWrite("s3:PutObject", request.bucket(), request.key());
        return super.initiateMultipartUpload(request);
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        policy.checkWrite("s3:AbortMultipartUpload", upload.containerName(), upload.blobName());
        super.abortMultipartUpload(upload);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        policy.checkWrite("s3:PutObject", upload.containerName(), upload.blobName());
        return super.completeMultipartUpload(upload, request);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream payload) {
        checkWriteWithBody(upload.containerName(), upload.blobName(), payload);
        return super.uploadMultipartPart(upload, request, payload);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        policy.checkWrite("s3:ListMultipartUploadParts", upload.containerName(), upload.blobName());
        return super.listMultipartUpload(upload);
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        throw policy.denyBucket("s3:ListBucketMultipartUploads", container);
    }

    @Override
    public boolean supportsCopyMultipartPart() {
        return delegate().supportsCopyMultipartPart();
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        policy.checkRead("s3:GetObject", request.sourceBucket(), request.sourceKey());
        policy.checkWrite("s3:PutObject", upload.containerName(), upload.blobName());
        return delegate().copyMultipartPart(upload, request);
    }
}
