package io.signalbox.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorageSettingsTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void theDefaultsGiveAScheduleThatReachesS3sLargestObject() {
        StorageSettings defaults = new StorageSettings("signalbox", "us-east-1", null, 8 * MIB, 1000, 16 * MIB);
        assertThat(defaults.partSchedule().capacity(10_000)).isGreaterThanOrEqualTo(5L * 1024 * 1024 * 1024 * 1024);
    }

    @Test
    void refusesPartSettingsThatCannotHoldS3sLargestObjectNamingBoth() {
        StorageSettings tooSlow = new StorageSettings("signalbox", "us-east-1", null, 8 * MIB, 5000, 16 * MIB);
        assertThatThrownBy(tooSlow::partSchedule)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("signalbox.storage.part-size-bytes 8388608 with"
                        + " signalbox.storage.parts-before-doubling 5000 cannot work: ")
                .hasMessageContaining("less than S3's largest object");
    }
}
