-- Webhooks. A job may name its own callback URL; tenants may have one in configuration.
ALTER TABLE jobs ADD COLUMN callback_url TEXT;

-- The outbox of webhook events. A row is written by a trigger on jobs, inside the very statement that makes the
-- transition, so that no transition can commit without its event and no crash can lose one. Every job gets its
-- events; the delivery route drops those of jobs that have no callback target.
-- job_row: the job as the transition left it (to_jsonb of the row without its recipe and summary documents, which
-- can be large; summary_json is '{}' when the job had a summary, so that the job view still links to it).
-- callback_url: the job's own callback URL when it has one; otherwise the tenant's configured one applies.
-- next_attempt_at: when the event is due; claiming it for an attempt moves it forward by a lease, so that an event
-- whose sender died is due again once the lease is over.
CREATE TABLE webhook_events (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        UUID        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    job_id          UUID        NOT NULL REFERENCES jobs (id),
    tenant_id       TEXT        NOT NULL REFERENCES tenants (id),
    type            TEXT        NOT NULL CHECK (type IN ('job.succeeded', 'job.failed', 'job.downloaded',
                                                         'job.expired', 'job.deleted')),
    occurred_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    callback_url    TEXT,
    job_row         JSONB       NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    -- Each event happens once in a job's life; a job whose files are deleted a second time makes no second one.
    CONSTRAINT webhook_events_once_per_job_and_type UNIQUE (job_id, type)
);

CREATE INDEX webhook_events_due ON webhook_events (tenant_id, next_attempt_at) WHERE status = 'PENDING';

-- Every attempt to deliver an event: when, where (url, NULL when there was nowhere to send it), what the receiver
-- answered (status_code, NULL when it did not answer), how long it took, and what went wrong in words for the job's
-- owner.
CREATE TABLE webhook_deliveries (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       BIGINT      NOT NULL REFERENCES webhook_events (id),
    job_id         UUID        NOT NULL REFERENCES jobs (id),
    attempt        INTEGER     NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    url            TEXT,
    status_code    INTEGER,
    latency_millis BIGINT      NOT NULL,
    error          TEXT
);

CREATE INDEX webhook_deliveries_by_job ON webhook_deliveries (job_id, id);

-- search_path is fixed to the migration's schema, so that the trigger finds webhook_events whatever the session's is.
CREATE FUNCTION jobs_webhook_events() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
DECLARE
    event_type TEXT;
    snapshot   JSONB;
BEGIN
    snapshot := (to_jsonb(NEW) - 'recipe_json')
        || jsonb_build_object('summary_json', CASE WHEN NEW.summary_json IS NULL THEN NULL ELSE '{}' END);
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        event_type := CASE NEW.status
            WHEN 'SUCCEEDED' THEN 'job.succeeded'
            WHEN 'FAILED' THEN 'job.failed'
            WHEN 'DOWNLOADED' THEN 'job.downloaded'
            WHEN 'EXPIRED' THEN 'job.expired'
        END;
        IF event_type IS NOT NULL THEN
            INSERT INTO webhook_events (job_id, tenant_id, type, callback_url, job_row)
            VALUES (NEW.id, NEW.tenant_id, event_type, NEW.callback_url, snapshot)
            ON CONFLICT (job_id, type) DO NOTHING;
        END IF;
    END IF;
    IF OLD.files_deleted_at IS NULL AND NEW.files_deleted_at IS NOT NULL THEN
        INSERT INTO webhook_events (job_id, tenant_id, type, callback_url, job_row)
        VALUES (NEW.id, NEW.tenant_id, 'job.deleted', NEW.callback_url, snapshot)
        ON CONFLICT (job_id, type) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_webhook_events
    AFTER UPDATE OF status, files_deleted_at ON jobs
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
          OR (OLD.files_deleted_at IS NULL AND NEW.files_deleted_at IS NOT NULL))
    EXECUTE FUNCTION jobs_webhook_events();
