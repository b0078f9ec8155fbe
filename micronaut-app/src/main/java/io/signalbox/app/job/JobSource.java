package io.signalbox.app.job;

/** How a job's file arrived. */
public enum JobSource {
    /** Uploaded through the REST API. */
    API,
    /** Dropped into a partner's inbox. */
    DROP
}
