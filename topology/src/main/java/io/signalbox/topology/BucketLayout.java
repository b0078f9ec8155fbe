package io.signalbox.topology;

import java.util.List;

/**
 * Where Signalbox keeps objects in its bucket. Every key starts with one of these prefixes, so that permissions,
 * event notifications and lifecycle rules can be given per prefix.
 */
public final class BucketLayout {

    /** Inputs uploaded through the REST API: {@code uploads/{tenant}/{job}/...}. */
    public static final String UPLOADS = "uploads/";
    /** Results of API jobs: {@code results/{tenant}/{job}/{attempt}/...}. */
    public static final String RESULTS = "results/";
    /** Files partners drop: {@code inbox/{partner}/NAME}. */
    public static final String INBOX = "inbox/";
    /** Results waiting for partners: {@code outbox/{partner}/NAME.result.csv}, {@code .summary.json}, {@code .error.json}. */
    public static final String OUTBOX = "outbox/";
    /** Every prefix, in this order. */
    public static final List<String> PREFIXES = List.of(UPLOADS, RESULTS, INBOX, OUTBOX);

    private BucketLayout() {
    }

    /**
     * @param partner a partner's name
     * @return the prefix it drops files into, {@code inbox/{partner}/}
     */
    public static String inbox(String partner) {
        return INBOX + partner + "/";
    }

    /**
     * @param partner a partner's name
     * @return the prefix it takes results from, {@code outbox/{partner}/}
     */
    public static String outbox(String partner) {
        return OUTBOX + partner + "/";
    }
}
