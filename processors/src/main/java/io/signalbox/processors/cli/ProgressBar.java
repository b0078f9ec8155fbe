package io.signalbox.processors.cli;

import io.signalbox.processors.csv.CountingInputStream;
import io.signalbox.processors.engine.EngineReport;
import io.signalbox.processors.engine.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal: rows, MB/s of input and, when the input's size is known, the share done
 * and the time left. Redrawn at most five times a second, from the engine's progress calls.
 */
final class ProgressBar implements ProgressListener {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final LongSupplier bytesRead;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private long lastDrawn;
    private int lastLength;

    /**
     * @param totalBytes the input's size, or -1 when unknown (a pipe)
     */
    ProgressBar(PrintStream err, LongSupplier bytesRead, long totalBytes) {
        this.err = err;
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
    }

    /**
     * Runs the engine with a progress bar on standard error when asked, erasing it afterwards.
     *
     * @param show whether to draw the bar
     * @param input the input as it is read
     * @param totalBytes the input's size, or -1 when unknown
     * @param run the run, given the listener to report to
     * @return what the run returns
     */
    static EngineReport around(boolean show, PrintStream err, CountingInputStream input, long totalBytes,
            Function<ProgressListener, EngineReport> run) {
        if (!show) {
            return run.apply(ProgressListener.NONE);
        }
        ProgressBar bar = new ProgressBar(err, input::count, totalBytes);
        try {
            return run.apply(bar);
        } finally {
            bar.clear();
        }
    }

    @Override
    public void rowsRead(long rows) {
        long now = System.nanoTime();
        if (now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        err.print("\r" + line(rows, bytesRead.getAsLong(), (now - start) / 1e9));
        err.flush();
    }

    /** Erases the bar, so that what follows starts on a clean line. */
    void clear() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }

    String line(long rows, long bytes, double seconds) {
        double rate = seconds > 0 ? bytes / 1e6 / seconds : 0;
        StringBuilder b = new StringBuilder();
        if (totalBytes > 0) {
            double done = Math.min(1, (double) bytes / totalBytes);
            int filled = (int) (done * WIDTH);
            b.append(String.format(Locale.ROOT, "%3d%% [", (int) (done * 100)))
                    .append("=".repeat(filled)).append(filled < WIDTH ? ">" : "")
                    .append(" ".repeat(Math.max(0, WIDTH - filled - 1))).append("] ");
        }
        b.append(String.format(Locale.ROOT, "%,d rows  %.1f MB/s", rows, rate));
        if (totalBytes > 0 && rate > 0) {
            long left = Math.round((totalBytes - bytes) / 1e6 / rate);
            b.append(String.format(Locale.ROOT, "  %d:%02d left", left / 60, left % 60));
        } else if (totalBytes <= 0) {
            b.append(String.format(Locale.ROOT, "  %.1f MB read", bytes / 1e6));
        }
        int length = b.length();
        if (length < lastLength) {
            b.append(" ".repeat(lastLength - length));
        }
        lastLength = length;
        return b.toString();
    }
}
