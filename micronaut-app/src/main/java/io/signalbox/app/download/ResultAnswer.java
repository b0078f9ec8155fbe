package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import io.signalbox.app.job.Job;
import java.io.InputStream;
import java.util.UUID;

/** What a {@code GET} of a result is answered with: its bytes, or that the client's copy is current. */
public sealed interface ResultAnswer {

    /**
     * @return what the answer says about the result
     */
    ResultHeaders headers();

    /**
     * The result's bytes, all of them or one range.
     *
     * @param job the job
     * @param headers what the answer says about the result
     * @param range the bytes sent, or {@code null} for all of them
     * @param content the bytes; closing it early releases the read from storage
     * @param deliveryId this answer's id, under which the bytes it delivers are recorded
     */
    record Body(Job job, ResultHeaders headers, @Nullable ByteRange range, InputStream content, UUID deliveryId)
            implements ResultAnswer {

        /**
         * @return how many bytes the answer's body has
         */
        public long contentLength() {
            return range == null ? headers.length() : range.length();
        }
    }

    /**
     * The client has this representation already ({@code If-None-Match}, {@code If-Modified-Since}): 304.
     *
     * @param headers what the answer says about the result
     */
    record Unchanged(ResultHeaders headers) implements ResultAnswer {
    }
}
