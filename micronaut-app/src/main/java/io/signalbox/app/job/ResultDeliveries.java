package io.signalbox.app.job;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The result delivery of each job source; every source has exactly one. */
@Singleton
public final class ResultDeliveries {

    private final Map<JobSource, ResultDelivery> bySource = new EnumMap<>(JobSource.class);

    ResultDeliveries(List<ResultDelivery> deliveries) {
        for (ResultDelivery delivery : deliveries) {
            ResultDelivery earlier = bySource.put(delivery.source(), delivery);
            if (earlier != null) {
                throw new IllegalStateException("jobs of source " + delivery.source() + " have two result deliveries, "
                        + earlier.getClass().getSimpleName() + " and " + delivery.getClass().getSimpleName());
            }
        }
        for (JobSource source : JobSource.values()) {
            if (!bySource.containsKey(source)) {
                throw new IllegalStateException("jobs of source " + source + " have no result delivery");
            }
        }
    }

    /**
     * @param job a job
     * @return where its result goes
     */
    public ResultDelivery of(Job job) {
        return bySource.get(job.source());
    }

    /**
     * @return every delivery, one per source
     */
    public Collection<ResultDelivery> all() {
        return bySource.values();
    }
}
