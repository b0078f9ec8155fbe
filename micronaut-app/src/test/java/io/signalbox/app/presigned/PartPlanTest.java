package io.signalbox.app.presigned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PartPlanTest {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;

    @Test
    void smallFilesTakeOnePartOfEightMib() {
        assertThat(PartPlan.of(1)).isEqualTo(new PartPlan(1, 8 * MIB, 1));
        assertThat(PartPlan.of(8 * MIB)).isEqualTo(new PartPlan(8 * MIB, 8 * MIB, 1));
        assertThat(PartPlan.of(1).sizeOf(1)).isEqualTo(1);
    }

    @Test
    void aByteOverAPartMakesALastPartOfOneByte() {
        PartPlan plan = PartPlan.of(8 * MIB + 1);

        assertThat(plan.partCount()).isEqualTo(2);
        assertThat(plan.sizeOf(1)).isEqualTo(8 * MIB);
        assertThat(plan.sizeOf(2)).isEqualTo(1);
    }

    @Test
    void keepsEightMibPartsUpToTenThousandOfThem() {
        assertThat(PartPlan.of(GIB)).isEqualTo(new PartPlan(GIB, 8 * MIB, 128));
        assertThat(PartPlan.of(50 * GIB)).isEqualTo(new PartPlan(50 * GIB, 8 * MIB, 6400));
        assertThat(PartPlan.of(80_000 * MIB)).isEqualTo(new PartPlan(80_000 * MIB, 8 * MIB, 10_000));
    }

    @Test
    void growsPartsByWholeMibWhereEightMibWouldNeedMoreThanTenThousand() {
        assertThat(PartPlan.of(80_000 * MIB + 1)).isEqualTo(new PartPlan(80_000 * MIB + 1, 9 * MIB, 8889));
        assertThat(PartPlan.of(100 * GIB)).isEqualTo(new PartPlan(100 * GIB, 11 * MIB, 9310));
        assertThat(PartPlan.of(10_000 * 5 * GIB)).isEqualTo(new PartPlan(10_000 * 5 * GIB, 5 * GIB, 10_000));
    }

    @Test
    void everySizeFitsInAtMostTenThousandPartsThatAddUpToIt() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long size = 1 + random.nextLong(10_000 * 5 * GIB);
            PartPlan plan = PartPlan.of(size);

            assertThat(plan.partCount()).isBetween(1, 10_000);
            assertThat(plan.partSize()).isBetween(8 * MIB, 5 * GIB);
            assertThat(plan.partSize() % MIB).isZero();
            assertThat(plan.sizeOf(plan.partCount())).isBetween(1L, plan.partSize());
            assertThat((plan.partCount() - 1) * plan.partSize() + plan.sizeOf(plan.partCount())).isEqualTo(size);
        }
    }

    @Test
    void refusesSizesNoUploadTakes() {
        assertThatThrownBy(() -> PartPlan.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 0");
        assertThatThrownBy(() -> PartPlan.of(10_000 * 5 * GIB + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartPlan.of(GIB).sizeOf(129)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part 129 is not one of 1 to 128");
    }
}
