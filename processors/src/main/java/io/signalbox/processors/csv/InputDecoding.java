package io.signalbox.processors.csv;

import io.signalbox.processors.LimitExceededException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns a raw upload into the bytes of its CSV text: a gzip stream (recognised by its magic bytes, not its name) is
 * decompressed, and its expansion is capped so that a small upload cannot turn into an endless one.
 */
public final class InputDecoding {

    /** Decompressed bytes allowed before the expansion ratio is enforced, so that tiny files are never refused. */
    private static final long RATIO_GRACE_BYTES = 16L << 20;

    private InputDecoding() {
    }

    /**
     * @param raw the uploaded bytes; not closed
     * @param fileName the file's name for error messages
     * @param maxExpansionRatio how many times larger than the compressed bytes read so far the decompressed bytes
     *     may grow (checked past the first 16 MiB)
     * @return the CSV bytes
     * @throws UncheckedIOException when reading fails
     */
    public static InputStream decode(InputStream raw, String fileName, int maxExpansionRatio) {
        PushbackInputStream peek = new PushbackInputStream(raw, 4);
        try {
            byte[] magic = new byte[4];
            int n = peek.readNBytes(magic, 0, 4);
            peek.unread(magic, 0, n);
            if (n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                throw new CsvFormatException(fileName, 1, null, "the file is a ZIP archive (an .xlsx workbook or a "
                        + ".zip); expected CSV text, optionally gzip-compressed");
            }
            if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                CountingInputStream compressed = new CountingInputStream(peek);
                return new ExpansionGuard(new GZIPInputStream(compressed, 1 << 16), compressed, fileName,
                        maxExpansionRatio);
            }
            return peek;
        } catch (ZipException e) {
            throw new CsvFormatException(fileName, 1, null, "the file starts like gzip but is not a valid gzip "
                    + "stream (" + e.getMessage() + "); expected gzip-compressed or plain CSV");
        } catch (EOFException e) {
            throw new CsvFormatException(fileName, 1, null, "the file starts like gzip but ends inside the gzip "
                    + "header; expected a complete gzip file or plain CSV");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + fileName + " failed", e);
        }
    }

    private static final class ExpansionGuard extends FilterInputStream {

        private final CountingInputStream compressed;
        private final String fileName;
        private final int maxRatio;
        private long produced;

        ExpansionGuard(InputStream in, CountingInputStream compressed, String fileName, int maxRatio) {
            super(in);
            this.compressed = compressed;
            this.fileName = fileName;
            this.maxRatio = maxRatio;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (ZipException e) {
                throw new CsvFormatException(fileName, 0, null, "the gzip stream is corrupt after "
                        + produced + " decompressed bytes (" + e.getMessage() + ")");
            } catch (EOFException e) {
                throw new CsvFormatException(fileName, 0, null, "the gzip stream ends early, after " + produced
                        + " decompressed bytes; expected a complete gzip file");
            }
            if (n > 0) {
                produced += n;
                if (produced > RATIO_GRACE_BYTES && produced > (double) maxRatio * compressed.count()) {
                    throw new LimitExceededException(fileName, 0, "max_gzip_ratio", "the gzip stream expands to "
                            + "more than " + maxRatio + " times its compressed size (" + produced + " bytes from "
                            + compressed.count() + "); such files are refused as likely decompression bombs");
                }
            }
            return n;
        }
    }
}
