package io.signalbox.infra.construct;

/**
 * How many tasks a service may run: its autoscaling bounds.
 *
 * @param min tasks kept running when there is no work (0 lets a queue consumer stop entirely)
 * @param max tasks at most
 */
public record TaskRange(int min, int max) {

    public TaskRange {
        if (min < 0 || max < 1 || min > max) {
            throw new IllegalArgumentException("task range " + min + ".." + max
                    + " is invalid; expected 0 <= min <= max and max >= 1");
        }
    }
}
