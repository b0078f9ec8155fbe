package io.signalbox.routes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartScheduleTest {

    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;
    private static final PartSchedule DEFAULT = new PartSchedule(8 * MIB, 1000);

    @Test
    void theDefaultScheduleReachesS3sLargestObjectWithinTenThousandParts() {
        assertThat(DEFAULT.capacity(PartSchedule.MAX_PARTS)).isGreaterThanOrEqualTo(PartSchedule.MAX_OBJECT_SIZE);
        assertThat(partsFor(DEFAULT, PartSchedule.MAX_OBJECT_SIZE)).isLessThanOrEqualTo(PartSchedule.MAX_PARTS);
        for (int part = 1; part <= PartSchedule.MAX_PARTS; part++) {
            assertThat(DEFAULT.partSize(part)).as("part " + part)
                    .isBetween(PartSchedule.MIN_PART_SIZE, PartSchedule.MAX_PART_SIZE);
        }
    }

    @Test
    void keepsTheFirstSizeForSmallObjectsAndDoublesAfterEachThousandParts() {
        assertThat(DEFAULT.partSize(1)).isEqualTo(8 * MIB);
        assertThat(DEFAULT.partSize(1000)).isEqualTo(8 * MIB);
        assertThat(DEFAULT.partSize(1001)).isEqualTo(16 * MIB);
        assertThat(DEFAULT.partSize(2001)).isEqualTo(32 * MIB);
        assertThat(DEFAULT.partSize(10_000)).isEqualTo(4 * GIB);
        assertThat(DEFAULT.capacity(1000)).isEqualTo(8000 * MIB);
    }

    @Test
    void aResultOfAHundredGibibytesNeedsFewerThanTenThousandParts() {
        // Fixed 8 MiB parts stop at 78.125 GiB.
        assertThat(8 * MIB * PartSchedule.MAX_PARTS).isLessThan(100 * GIB);
        assertThat(partsFor(DEFAULT, 100 * GIB)).isEqualTo(3725);
    }

    @Test
    void neverGrowsAPartBeyondS3sLargest() {
        PartSchedule fast = new PartSchedule(PartSchedule.MIN_PART_SIZE, 1);
        assertThat(fast.partSize(11)).isEqualTo(PartSchedule.MAX_PART_SIZE);
        assertThat(fast.partSize(PartSchedule.MAX_PARTS)).isEqualTo(PartSchedule.MAX_PART_SIZE);
    }

    @Test
    void refusesAScheduleThatCannotHoldS3sLargestObject() {
        assertThatThrownBy(() -> new PartSchedule(8 * MIB, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold only")
                .hasMessageContaining("less than S3's largest object");
    }

    @Test
    void refusesPartsS3WouldReject() {
        assertThatThrownBy(() -> new PartSchedule(1024, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstPartSize 1024 is out of range");
        assertThatThrownBy(() -> new PartSchedule(8 * MIB, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partsBeforeDoubling 0");
        assertThatThrownBy(() -> DEFAULT.partSize(10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part number 10001 is out of range");
    }

    @Test
    void tellsWhetherAKnownLengthFitsPartsOfTheFirstSize() {
        assertThat(DEFAULT.fitsFirstPartSize(8 * MIB * PartSchedule.MAX_PARTS)).isTrue();
        assertThat(DEFAULT.fitsFirstPartSize(8 * MIB * PartSchedule.MAX_PARTS + 1)).isFalse();
    }

    private static int partsFor(PartSchedule schedule, long bytes) {
        long held = 0;
        int parts = 0;
        while (held < bytes) {
            parts++;
            held += schedule.partSize(parts);
        }
        return parts;
    }
}
