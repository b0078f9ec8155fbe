-- Partners' reads of a result waiting for pickup, one row per CloudTrail GetObject event (event_id): objects of 8 MB
-- or more come down as several ranged reads, which together make a pickup. byte_range is the Range header when the
-- event records one, bytes_sent its bytesTransferredOut; counted_at says when the read took part in a pickup. The
-- rows go when the outbox files they are about are deleted.
CREATE TABLE result_reads (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      UUID        NOT NULL REFERENCES jobs (id),
    event_id    TEXT        NOT NULL,
    byte_range  TEXT,
    bytes_sent  BIGINT,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    counted_at  TIMESTAMPTZ,
    -- A redelivered event meets this constraint instead of counting twice.
    CONSTRAINT result_reads_once_per_event UNIQUE (job_id, event_id)
);
