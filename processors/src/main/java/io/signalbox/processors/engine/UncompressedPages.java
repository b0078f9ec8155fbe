package io.signalbox.processors.engine;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Pages as they are: the only codec the engine needs, and one that needs no Hadoop class (parquet-java's codecs go
 * through Hadoop's codec API, which the engine does not carry).
 */
final class UncompressedPages implements BytesInputCompressor {

    static final UncompressedPages INSTANCE = new UncompressedPages();

    private UncompressedPages() {
    }

    @Override
    public BytesInput compress(BytesInput bytes) {
        return bytes;
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.UNCOMPRESSED;
    }

    @Override
    public void release() {
    }
}
