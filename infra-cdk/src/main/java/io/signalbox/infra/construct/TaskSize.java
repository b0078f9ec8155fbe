package io.signalbox.infra.construct;

import java.util.Map;

/**
 * CPU units and memory of one Fargate task, checked against the combinations Fargate accepts.
 *
 * @param cpu       CPU units (1024 = one vCPU)
 * @param memoryMiB memory in MiB
 */
public record TaskSize(int cpu, int memoryMiB) {

    private static final Map<Integer, int[]> MEMORY_RANGE_BY_CPU = Map.of(
            256, new int[] {512, 2048},
            512, new int[] {1024, 4096},
            1024, new int[] {2048, 8192},
            2048, new int[] {4096, 16384},
            4096, new int[] {8192, 30720});

    public TaskSize {
        int[] range = MEMORY_RANGE_BY_CPU.get(cpu);
        if (range == null) {
            throw new IllegalArgumentException("Fargate task cpu " + cpu
                    + " is not supported; expected one of 256, 512, 1024, 2048, 4096");
        }
        boolean fitsStep = cpu == 256 ? memoryMiB == 512 || memoryMiB % 1024 == 0 : memoryMiB % 1024 == 0;
        if (memoryMiB < range[0] || memoryMiB > range[1] || !fitsStep) {
            throw new IllegalArgumentException("Fargate task memory " + memoryMiB + " MiB does not fit cpu " + cpu
                    + "; expected " + range[0] + " to " + range[1] + " MiB in steps of 1024");
        }
    }
}
