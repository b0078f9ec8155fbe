package io.signalbox.routes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.fixtures.aws.LocalAwsExtension;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Objects of unknown length written to a real S3-API server, one part in memory at a time. */
class S3MultipartOutputStreamTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.builder().build();

    private static final int PART = S3MultipartOutputStream.MIN_PART_SIZE;

    @Test
    void writesASmallObjectWithOnePut() throws IOException {
        byte[] content = "date,close\n2025-01-02,1.5\n".getBytes();
        try (var out = new S3MultipartOutputStream(AWS.s3(), LocalAwsExtension.BUCKET, "results/t/small.csv", "text/csv", PART)) {
            out.write(content);
        }
        assertThat(read("results/t/small.csv")).isEqualTo(content);
    }

    @Test
    void writesALargeObjectAsPartsInOrder() throws IOException {
        byte[] content = new byte[2 * PART + 12_345];
        new Random(7).nextBytes(content);
        var out = new S3MultipartOutputStream(AWS.s3(), LocalAwsExtension.BUCKET, "results/t/large.bin", "application/octet-stream", PART);
        for (int offset = 0; offset < content.length; offset += 100_000) {
            out.write(content, offset, Math.min(100_000, content.length - offset));
        }
        out.close();
        assertThat(out.bytesWritten()).isEqualTo(content.length);
        assertThat(Arrays.equals(read("results/t/large.bin"), content)).isTrue();
    }

    @Test
    void anAbortedObjectNeverAppears() throws IOException {
        var out = new S3MultipartOutputStream(AWS.s3(), LocalAwsExtension.BUCKET, "results/t/aborted.bin", "text/csv", PART);
        out.write(new byte[PART + 1]);
        out.abort();
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("already closed");
        assertThatThrownBy(() -> read("results/t/aborted.bin")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void refusesAPartSizeS3WouldReject() {
        assertThatThrownBy(() -> new S3MultipartOutputStream(AWS.s3(), LocalAwsExtension.BUCKET, "k", "text/csv", 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below S3's minimum");
    }

    private static byte[] read(String key) {
        return AWS.s3().getObjectAsBytes(b -> b.bucket(LocalAwsExtension.BUCKET).key(key)).asByteArray();
    }
}
