package io.signalbox.processors.indicator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Volume-weighted average price since the start of the bar's calendar day in a time zone: the sum of typical price
 * {@code (high + low + close) / 3} times volume, divided by the sum of volume, both restarting at local midnight.
 * Empty while the day's volume is zero.
 *
 * <p>The zone's offset is looked up only when the bar leaves the span in which the offset last found is valid (up to
 * the zone's next transition), so the day of a bar costs integer arithmetic and no allocation.
 */
final class DailyVwap extends AbstractIndicator {

    private static final long DAY_MILLIS = 86_400_000L;

    private final ZoneRules rules;
    private final CompensatedSum weightedPrices = new CompensatedSum();
    private final CompensatedSum volumes = new CompensatedSum();
    private long offsetValidFrom = Long.MAX_VALUE;
    private long offsetValidUntil = Long.MIN_VALUE;
    private long offsetMillis;
    private long day = Long.MIN_VALUE;

    DailyVwap(ZoneId zone) {
        super(List.of("vwap_day"), 0);
        this.rules = zone.getRules();
    }

    @Override
    public void update(long epochMillis, double open, double high, double low, double close, double volume,
            double[] out, int offset) {
        if (epochMillis < offsetValidFrom || epochMillis >= offsetValidUntil) {
            findOffset(epochMillis);
        }
        long barDay = Math.floorDiv(epochMillis + offsetMillis, DAY_MILLIS);
        if (barDay != day) {
            day = barDay;
            weightedPrices.reset();
            volumes.reset();
        }
        weightedPrices.add((high + low + close) / 3.0 * volume);
        volumes.add(volume);
        double totalVolume = volumes.value();
        out[offset] = totalVolume != 0.0 ? weightedPrices.value() / totalVolume : Double.NaN;
    }

    private void findOffset(long epochMillis) {
        Instant instant = Instant.ofEpochMilli(epochMillis);
        offsetMillis = rules.getOffset(instant).getTotalSeconds() * 1000L;
        offsetValidFrom = epochMillis;
        ZoneOffsetTransition next = rules.nextTransition(instant);
        offsetValidUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond() * 1000L;
    }
}
