package io.signalbox.routes.ingest;

/**
 * An object in a partner's inbox that was taken (or refused) in one version.
 *
 * @param key its key
 * @param eTag the ETag of the version taken, or {@code null} when it is not known
 * @param reason why it leaves the inbox, for the audit log
 */
public record InboxObject(String key, String eTag, String reason) {
}
