package io.signalbox.routes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.fixtures.aws.LocalAwsExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;

/** Objects of unknown length written to a real S3-API server, one part at a time. */
class S3MultipartOutputStreamTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.builder().build();

    private static final int MIB = 1024 * 1024;
    private static final long PART = PartSchedule.MIN_PART_SIZE;
    /** 5, 5, 10, 10, 20, 20 MiB, ...: the schedule shows within a few tens of megabytes. */
    private static final PartSchedule DOUBLING_EVERY_TWO = new PartSchedule(PART, 2);

    @TempDir
    Path spool;

    @Test
    void writesASmallObjectWithOnePut() throws IOException {
        byte[] content = "date,close\n2025-01-02,1.5\n".getBytes();
        try (var out = open("results/t/small.csv", "text/csv", inMemory())) {
            out.write(content);
        }
        assertThat(read("results/t/small.csv")).isEqualTo(content);
        assertThat(AWS.s3().headObject(b -> b.bucket(LocalAwsExtension.BUCKET).key("results/t/small.csv")).contentType())
                .isEqualTo("text/csv");
    }

    @Test
    void writesALargeObjectAsPartsInOrder() throws IOException {
        byte[] content = new byte[(int) (2 * PART) + 12_345];
        new Random(7).nextBytes(content);
        var out = open("results/t/large.bin", "application/octet-stream", inMemory());
        for (int offset = 0; offset < content.length; offset += 100_000) {
            out.write(content, offset, Math.min(100_000, content.length - offset));
        }
        out.close();
        assertThat(out.bytesWritten()).isEqualTo(content.length);
        assertThat(Arrays.equals(read("results/t/large.bin"), content)).isTrue();
    }

    @Test
    void partsGrowAsTheScheduleSaysAndThoseOverTheMemoryLimitWaitOnLocalDisk() throws Exception {
        String key = "results/t/growing.bin";
        long length = 5L * MIB + 5 * MIB + 10 * MIB + 10 * MIB + 3 * MIB;
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        var out = open(key, "application/octet-stream", new PartStorage(PART, spool));
        boolean spooledWhileWriting = false;
        try (InputStream source = new SyntheticStream(length, 11)) {
            byte[] chunk = new byte[64 * 1024 + 7];
            for (int n = source.read(chunk); n > 0; n = source.read(chunk)) {
                out.write(chunk, 0, n);
                written.update(chunk, 0, n);
                spooledWhileWriting |= spooledFiles().size() == 1;
            }
        }

        assertThat(partSizes(key)).containsExactly(5L * MIB, 5L * MIB, 10L * MIB, 10L * MIB);
        assertThat(spooledWhileWriting).as("a 10 MiB part waited in a file").isTrue();
        out.close();

        assertThat(out.partsUploaded()).isEqualTo(5);
        assertThat(spooledFiles()).as("temporary part files left behind").isEmpty();
        assertThat(AWS.s3().listMultipartUploads(b -> b.bucket(LocalAwsExtension.BUCKET).prefix(key)).uploads())
                .isEmpty();
        MessageDigest stored = MessageDigest.getInstance("SHA-256");
        try (InputStream in = AWS.s3().getObject(b -> b.bucket(LocalAwsExtension.BUCKET).key(key))) {
            in.transferTo(new DigestSink(stored));
        }
        assertThat(HexFormat.of().formatHex(stored.digest())).isEqualTo(HexFormat.of().formatHex(written.digest()));
    }

    @Test
    void anAbortedObjectNeverAppearsAndLeavesNoPartsNorFiles() throws IOException {
        var out = open("results/t/aborted.bin", "text/csv", new PartStorage(0, spool));
        out.write(new byte[(int) PART + 1]);
        out.abort();
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("already closed");
        assertThatThrownBy(() -> read("results/t/aborted.bin")).isInstanceOf(NoSuchKeyException.class);
        assertThat(AWS.s3().listMultipartUploads(b -> b.bucket(LocalAwsExtension.BUCKET).prefix("results/t/aborted"))
                .uploads()).isEmpty();
        assertThat(spooledFiles()).isEmpty();
    }

    private S3MultipartOutputStream open(String key, String contentType, PartStorage storage) {
        return new S3MultipartOutputStream(AWS.s3(), LocalAwsExtension.BUCKET, key, contentType, DOUBLING_EVERY_TWO,
                storage);
    }

    private PartStorage inMemory() {
        return new PartStorage(PartSchedule.MAX_PART_SIZE, spool);
    }

    private List<Path> spooledFiles() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    private static List<Long> partSizes(String key) {
        MultipartUpload upload = AWS.s3().listMultipartUploads(b -> b.bucket(LocalAwsExtension.BUCKET).prefix(key))
                .uploads().get(0);
        return AWS.s3().listParts(b -> b.bucket(LocalAwsExtension.BUCKET).key(key).uploadId(upload.uploadId()))
                .parts().stream().map(Part::size).toList();
    }

    private static byte[] read(String key) {
        return AWS.s3().getObjectAsBytes(b -> b.bucket(LocalAwsExtension.BUCKET).key(key)).asByteArray();
    }

    /** Deterministic bytes of a given length, produced as they are read: nothing of that size is held. */
    private static final class SyntheticStream extends InputStream {

        private final Random random;
        private long left;

        SyntheticStream(long length, long seed) {
            this.left = length;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            System.arraycopy(bytes, 0, buffer, offset, n);
            left -= n;
            return n;
        }
    }

    private static final class DigestSink extends OutputStream {

        private final MessageDigest digest;

        DigestSink(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            digest.update(buffer, offset, length);
        }
    }
}
