package io.signalbox.localaws;

import java.time.Instant;

/** Something that happened to an object, as S3 notifications and CloudTrail report it. */
sealed interface ObjectActivity {

    S3Identity identity();

    String bucket();

    String key();

    Instant time();

    /** An object was written: by a PUT, a copy, or the completion of a multipart upload. */
    record Created(S3Identity identity, String bucket, String key, Instant time, Kind kind, long size, String eTag,
            String versionId) implements ObjectActivity {

        /** The S3 operation that wrote the object, named as S3 names it in {@code eventName}. */
        enum Kind {
            PUT("ObjectCreated:Put"),
            COPY("ObjectCreated:Copy"),
            COMPLETE_MULTIPART_UPLOAD("ObjectCreated:CompleteMultipartUpload");

            private final String eventName;

            Kind(String eventName) {
                this.eventName = eventName;
            }

            String eventName() {
                return eventName;
            }
        }
    }

    /** An object was deleted, or on a versioned bucket hidden behind a delete marker. */
    record Removed(S3Identity identity, String bucket, String key, Instant time, boolean deleteMarkerCreated,
            String versionId) implements ObjectActivity {

        String eventName() {
            return deleteMarkerCreated ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete";
        }
    }

    /**
     * An object, or a range of it, was read with GetObject.
     *
     * @param range the request's {@code Range} header, or {@code null} for a whole-object read
     * @param bytesTransferredOut how much of the object, or of the range, reached the client
     * @param authentication how the request was authenticated: a presigned URL's reads carry its signer's identity
     */
    record Read(S3Identity identity, String bucket, String key, Instant time, String range, long bytesTransferredOut,
            AuthenticationMethod authentication) implements ObjectActivity {
    }
}
