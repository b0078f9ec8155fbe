package io.signalbox.app.job;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what may change jobs in this process: an API request, a message taken off a queue. The cleanup sleeps while
 * nothing is in flight, until this count moves.
 */
@Singleton
public final class JobActivity {

    private final AtomicLong count = new AtomicLong();

    /** Something that may have created or changed a job happened. */
    public void seen() {
        count.incrementAndGet();
    }

    /**
     * @return how many times activity was seen; it only grows
     */
    public long count() {
        return count.get();
    }
}
