package io.signalbox.app.webhook;

/** An event that has nowhere to go or nothing to be signed with any more, e.g. after its tenant's settings changed. */
final class WebhookTargetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing, for the job's owner
     */
    WebhookTargetException(String message) {
        super(message);
    }
}
