package io.signalbox.routes.process;

/** The job a run is working on is no longer its to finish: it was cancelled, or a later attempt took it over. */
public final class JobAbandonedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param jobId the job
     * @param attempt the attempt that must stop
     */
    public JobAbandonedException(String jobId, int attempt) {
        super("attempt " + attempt + " of job " + jobId + " no longer owns the job");
    }
}
