package io.signalbox.local;

import java.nio.file.Path;

/**
 * Holds a local-mode home the way local mode does, in a process of its own that a test can kill: the home's lock
 * and its PostgreSQL. Prints {@code ready} when both are held, then waits to be killed.
 */
public final class HomeHolder {

    private HomeHolder() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        HomeLock lock = HomeLock.acquire(home, "test holder, pid " + ProcessHandle.current().pid());
        LocalPostgres postgres = LocalPostgres.start(home, args[1]);
        System.out.println("ready " + postgres.jdbcUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        postgres.close();
        lock.close();
    }
}
