-- job.deleted is sent when the deletion receipt is complete (deleted_at), not when the job's own objects are gone
-- (files_deleted_at): a drop-folder job may still own outbox files then, and the event's job copy should carry the
-- receipt (deletedAt, deletedBecause, deletedKeys).
CREATE OR REPLACE FUNCTION jobs_webhook_events() RETURNS trigger
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
    IF OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN
        INSERT INTO webhook_events (job_id, tenant_id, type, callback_url, job_row)
        VALUES (NEW.id, NEW.tenant_id, 'job.deleted', NEW.callback_url, snapshot)
        ON CONFLICT (job_id, type) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER jobs_webhook_events ON jobs;

CREATE TRIGGER jobs_webhook_events
    AFTER UPDATE OF status, deleted_at ON jobs
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
          OR (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL))
    EXECUTE FUNCTION jobs_webhook_events();
