-- result_sha256: SHA-256 of the result as written, lower-case hex; downloads answer it as ETag and Repr-Digest.
-- pickup_due_at now also ends the grace window after a complete REST download: the files stay until then, so that
-- a download that failed on the client's side can be repeated.
-- files_claimed_until: a deletion of the job's files (by a DELETE request or a cleanup run) is under way until then,
-- and nobody else starts one, so that each object is deleted, and audited, once.
-- The deletion receipt: deleted_at is when nothing of the job is left in storage (its objects, the parts of its
-- unfinished uploads, its outbox files); deleted_because why; deleted_keys every object deleted for it.
ALTER TABLE jobs
    ADD COLUMN result_sha256   TEXT CHECK (result_sha256 ~ '^[0-9a-f]{64}$'),
    ADD COLUMN files_claimed_until TIMESTAMPTZ,
    ADD COLUMN deleted_at      TIMESTAMPTZ,
    ADD COLUMN deleted_because TEXT CHECK (deleted_because IN ('downloaded', 'acknowledged', 'picked-up', 'expired',
                                                               'cancelled', 'failed')),
    ADD COLUMN deleted_keys    TEXT[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT jobs_deletion_has_reason CHECK (deleted_at IS NULL OR deleted_because IS NOT NULL);
