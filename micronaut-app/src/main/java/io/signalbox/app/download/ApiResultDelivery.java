package io.signalbox.app.download;

import io.signalbox.app.job.Job;
import io.signalbox.app.job.JobKeys;
import io.signalbox.app.job.JobSource;
import io.signalbox.app.job.ResultDelivery;
import io.signalbox.app.storage.ObjectStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results of uploaded files: each attempt writes under a prefix of its own, and the owner downloads the result from
 * the REST API ({@link ResultDownloads}).
 */
@Singleton
final class ApiResultDelivery implements ResultDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ApiResultDelivery.class);

    private final ObjectStore store;

    ApiResultDelivery(ObjectStore store) {
        this.store = store;
    }

    @Override
    public JobSource source() {
        return JobSource.API;
    }

    @Override
    public String resultPrefix(Job job) {
        return JobKeys.attemptPrefix(job.tenantId(), job.id(), job.attempts());
    }

    @Override
    public void attemptLost(Job job, String resultPrefix, boolean wroteResult) {
        if (wroteResult) {
            // Cancelled or retaken while this attempt ran: what it wrote must not outlive it.
            store.deletePrefix(resultPrefix, "abandoned");
            LOG.info("job {} attempt {} finished after losing the job; its result was deleted", job.id(), job.attempts());
        }
    }

    @Override
    public String deliveredBecause() {
        return "downloaded";
    }
}
