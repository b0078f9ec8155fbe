-- The SHA-256 its owner declared for a job's input (lower-case hex); processing compares it with the bytes it reads.
ALTER TABLE jobs
    ADD COLUMN declared_sha256 TEXT CHECK (declared_sha256 ~ '^[0-9a-f]{64}$');

-- The S3 multipart upload of a job whose owner uploads its file straight to storage with presigned URLs.
-- part_checksum: 'SHA256' when every part is sent with its x-amz-checksum-sha256, else NULL. signals_bytes: the size
-- declared for a signals file uploaded with its own presigned PUT, or NULL when there is none. completed_at and
-- aborted_at are each claimed by one conditional UPDATE, so that a completion and an abort never both happen.
CREATE TABLE presigned_uploads (
    job_id         UUID PRIMARY KEY REFERENCES jobs (id),
    upload_id      TEXT        NOT NULL,
    declared_bytes BIGINT      NOT NULL CHECK (declared_bytes > 0),
    part_size      BIGINT      NOT NULL CHECK (part_size > 0),
    part_count     INTEGER     NOT NULL CHECK (part_count BETWEEN 1 AND 10000),
    part_checksum  TEXT CHECK (part_checksum IN ('SHA256')),
    signals_bytes  BIGINT CHECK (signals_bytes > 0),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at   TIMESTAMPTZ,
    aborted_at     TIMESTAMPTZ,
    CONSTRAINT presigned_uploads_one_ending CHECK (completed_at IS NULL OR aborted_at IS NULL)
);

CREATE INDEX presigned_uploads_open ON presigned_uploads (created_at) WHERE completed_at IS NULL AND aborted_at IS NULL;
