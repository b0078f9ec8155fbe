package io.signalbox.routes.ingest;

import io.signalbox.routes.common.ObjectEvent;

/**
 * A drop intake that fails the test at every step, for routes that must take no drop; a test overrides the steps it
 * expects.
 */
class RefusingDropIntake implements DropIntake {

    private final String why;

    /** @param why what the test expects instead, said by the failure */
    RefusingDropIntake(String why) {
        this.why = why;
    }

    @Override
    public DroppedJob register(ObjectEvent event) {
        throw new AssertionError(why);
    }

    @Override
    public DropTake files(DroppedJob job) {
        throw new AssertionError(why);
    }

    @Override
    public ErrorFile errorFile(DropTake take) {
        throw new AssertionError(why);
    }

    @Override
    public DropTake fail(DropTake take) {
        throw new AssertionError(why);
    }

    @Override
    public DropTake record(DropTake take) {
        throw new AssertionError(why);
    }

    @Override
    public String queue(DropTake take) {
        throw new AssertionError(why);
    }
}
