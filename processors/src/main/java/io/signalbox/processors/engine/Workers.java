package io.signalbox.processors.engine;

import java.util.List;

/** Starting and joining the threads of a run. */
final class Workers {

    private Workers() {
    }

    /** Starts a daemon thread, so that a run's threads never keep a JVM alive. */
    static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits until every thread has ended, even when interrupted meanwhile; the interrupt is kept. */
    static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
