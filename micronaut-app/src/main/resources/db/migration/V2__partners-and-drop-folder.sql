-- A partner is a tenant that drops files into inbox/{name}/ and picks results up from outbox/{name}/.
-- The name follows the AWS deployment's rule for partner names, since it is also an IAM role's name part.
CREATE TABLE partners (
    name          TEXT PRIMARY KEY CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$'),
    tenant_id     TEXT        NOT NULL UNIQUE REFERENCES tenants (id),
    recipe_preset TEXT,
    recipe_json   TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT partners_at_most_one_recipe CHECK (recipe_preset IS NULL OR recipe_json IS NULL)
);

-- drop_key: the inbox key the file was dropped under; drop_version: which version of that object (S3's version id,
-- else the sequencer of its creation event); outbox_name: outbox/{partner}/NAME, to which .result.csv,
-- .summary.json and .error.json are appended. The outbox files of a name belong to the job that wrote them last.
ALTER TABLE jobs
    ADD COLUMN drop_key          TEXT,
    ADD COLUMN drop_version      TEXT,
    ADD COLUMN outbox_name       TEXT,
    ADD COLUMN signals_key       TEXT,
    ADD COLUMN signals_name      TEXT,
    ADD COLUMN picked_up_at      TIMESTAMPTZ,
    ADD COLUMN pickup_due_at     TIMESTAMPTZ,
    ADD COLUMN outbox_written_at TIMESTAMPTZ,
    ADD COLUMN outbox_deleted_at TIMESTAMPTZ,
    ADD CONSTRAINT jobs_drop_has_origin CHECK (
        (source = 'DROP') = (drop_key IS NOT NULL AND drop_version IS NOT NULL AND outbox_name IS NOT NULL)),
    ADD CONSTRAINT jobs_signals_named CHECK ((signals_key IS NULL) = (signals_name IS NULL)),
    -- A redelivered event, or two events for one object version, meet this constraint instead of making a second job.
    ADD CONSTRAINT jobs_one_per_dropped_version UNIQUE (tenant_id, drop_key, drop_version);

CREATE INDEX jobs_by_outbox_name ON jobs (tenant_id, outbox_name) WHERE outbox_name IS NOT NULL;
CREATE INDEX jobs_with_outbox_files ON jobs (status, updated_at)
    WHERE outbox_written_at IS NOT NULL AND outbox_deleted_at IS NULL;
