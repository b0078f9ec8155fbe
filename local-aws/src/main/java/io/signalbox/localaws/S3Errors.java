package io.signalbox.localaws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 errors as S3Proxy's BlobStore contract expects them: the exception's error code and message are what the
 * client receives in the error document.
 */
final class S3Errors {

    /**
     * S3Proxy keeps multipart upload metadata in objects named with this prefix and refuses client keys that start
     * with it, so a key with this prefix is S3Proxy's own bookkeeping, never a client's object.
     */
    private static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private S3Errors() {
    }

    static boolean isS3ProxyBookkeeping(String key) {
        return key != null && key.startsWith(MULTIPART_STUB_PREFIX);
    }

    /**
     * @param uploadId a multipart upload's id
     * @return the key of the object in which S3Proxy keeps that upload's metadata while it is open
     */
    static String multipartStubKey(String uploadId) {
        return MULTIPART_STUB_PREFIX + uploadId;
    }

    static S3Exception noSuchUpload() {
        return error(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the"
                + " upload may have been aborted or completed.");
    }

    static S3Exception accessDenied(String message) {
        return error(403, "AccessDenied", message);
    }

    static S3Exception preconditionFailed() {
        return error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
    }

    private static S3Exception error(int status, String code, String message) {
        return (S3Exception) S3Exception.builder()
                .message(message)
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                        .build())
                .build();
    }
}
