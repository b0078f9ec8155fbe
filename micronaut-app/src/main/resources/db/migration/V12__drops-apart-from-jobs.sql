-- A dropped file's facts live apart from the job it became: the inbox key and version it came from, the outbox name
-- its results go under (outbox/{partner}/NAME), when its partner last picked them up, and whether the outbox files
-- of that name are its own (written, and not deleted or taken over by a later job of the same name). A job of source
-- DROP has exactly one row here, inserted in the same statement as the job.
CREATE TABLE drops (
    job_id            UUID        PRIMARY KEY REFERENCES jobs (id),
    tenant_id         TEXT        NOT NULL REFERENCES tenants (id),
    drop_key          TEXT        NOT NULL,
    drop_version      TEXT        NOT NULL,
    outbox_name       TEXT        NOT NULL,
    picked_up_at      TIMESTAMPTZ,
    outbox_written_at TIMESTAMPTZ,
    outbox_deleted_at TIMESTAMPTZ,
    -- A redelivered event, or two events for one object version, meet this constraint instead of making a second job.
    CONSTRAINT drops_one_per_dropped_version UNIQUE (tenant_id, drop_key, drop_version)
);

INSERT INTO drops (job_id, tenant_id, drop_key, drop_version, outbox_name, picked_up_at, outbox_written_at,
                   outbox_deleted_at)
SELECT id, tenant_id, drop_key, drop_version, outbox_name, picked_up_at, outbox_written_at, outbox_deleted_at
FROM jobs
WHERE source = 'DROP';

CREATE INDEX drops_by_outbox_name ON drops (tenant_id, outbox_name);
CREATE INDEX drops_with_outbox_files ON drops (job_id) WHERE outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL;

DROP INDEX jobs_by_outbox_name;
DROP INDEX jobs_with_outbox_files;
ALTER TABLE jobs
    DROP CONSTRAINT jobs_drop_has_origin,
    DROP CONSTRAINT jobs_one_per_dropped_version,
    DROP COLUMN drop_key,
    DROP COLUMN drop_version,
    DROP COLUMN outbox_name,
    DROP COLUMN picked_up_at,
    DROP COLUMN outbox_written_at,
    DROP COLUMN outbox_deleted_at;

-- Webhook events keep what their job view shows of a drop (objectKey, pickedUpAt) as the transition left it.
CREATE OR REPLACE FUNCTION jobs_webhook_events() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
DECLARE
    event_type TEXT;
    snapshot   JSONB;
BEGIN
    snapshot := (to_jsonb(NEW) - 'recipe_json')
        || jsonb_build_object('summary_json', CASE WHEN NEW.summary_json IS NULL THEN NULL ELSE '{}' END)
        || COALESCE((SELECT jsonb_build_object('drop_key', d.drop_key, 'picked_up_at', d.picked_up_at)
                     FROM drops d WHERE d.job_id = NEW.id), '{}'::jsonb);
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
    IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
        INSERT INTO webhook_events (job_id, tenant_id, type, callback_url, job_row)
        VALUES (NEW.id, NEW.tenant_id, 'job.deleted', NEW.callback_url, snapshot)
        ON CONFLICT (job_id, type) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
