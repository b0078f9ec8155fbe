package io.signalbox.routes.ingest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * The {@code NAME.error.json} a failed drop leaves in its partner's outbox.
 *
 * @param key its outbox key
 * @param content the JSON document
 */
public record ErrorFile(String key, byte[] content) {

    /** The content type of the document. */
    public static final String CONTENT_TYPE = "application/json";

    /** @return the document's length */
    public long length() {
        return content.length;
    }

    /** @return the document, to store */
    public InputStream stream() {
        return new ByteArrayInputStream(content);
    }
}
