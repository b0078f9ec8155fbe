package io.signalbox.app.job;

/** How a job's file arrived, and so where its result goes. */
public enum JobSource {
    /** Uploaded through the REST API; the result is downloaded from it. */
    API("api", true),
    /** Dropped into a partner's inbox; the result is picked up from the partner's outbox. */
    DROP("drop-folder", false);

    private final String label;
    private final boolean resultFromApi;

    JobSource(String label, boolean resultFromApi) {
        this.label = label;
        this.resultFromApi = resultFromApi;
    }

    /**
     * @return the source as the REST API names it
     */
    public String label() {
        return label;
    }

    /**
     * @return whether the REST API serves the job's result, and its owner may acknowledge it there
     */
    public boolean resultFromApi() {
        return resultFromApi;
    }
}
