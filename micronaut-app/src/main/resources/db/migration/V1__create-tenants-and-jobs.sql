CREATE TABLE tenants (
    id           TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    display_name TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Keys are stored as their SHA-256 only; the prefix tells keys apart without revealing them.
CREATE TABLE api_keys (
    key_hash   TEXT PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    tenant_id  TEXT        NOT NULL REFERENCES tenants (id),
    key_prefix TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);

CREATE TABLE jobs (
    id               UUID PRIMARY KEY,
    tenant_id        TEXT        NOT NULL REFERENCES tenants (id),
    status           TEXT        NOT NULL CHECK (status IN ('AWAITING_UPLOAD', 'QUEUED', 'PROCESSING', 'SUCCEEDED',
                                                            'DOWNLOADED', 'FAILED', 'EXPIRED', 'CANCELLED')),
    source           TEXT        NOT NULL CHECK (source IN ('API', 'DROP')),
    input_name       TEXT        NOT NULL,
    input_key        TEXT        NOT NULL,
    result_key       TEXT,
    recipe_preset    TEXT,
    recipe_json      TEXT,
    idempotency_key  TEXT,
    input_bytes      BIGINT,
    input_sha256     TEXT,
    result_bytes     BIGINT,
    row_count        BIGINT,
    rows_skipped     BIGINT,
    symbol_count     INTEGER,
    rows_processed   BIGINT      NOT NULL DEFAULT 0,
    summary_json     TEXT,
    attempts         INTEGER     NOT NULL DEFAULT 0,
    claim_message_id TEXT,
    last_error       TEXT,
    failure_code     TEXT,
    failure_reason   TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    uploaded_at      TIMESTAMPTZ,
    queued_at        TIMESTAMPTZ,
    started_at       TIMESTAMPTZ,
    succeeded_at     TIMESTAMPTZ,
    downloaded_at    TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ,
    expired_at       TIMESTAMPTZ,
    cancelled_at     TIMESTAMPTZ,
    files_deleted_at TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT jobs_recipe_given CHECK ((recipe_preset IS NULL) <> (recipe_json IS NULL)),
    CONSTRAINT jobs_one_per_idempotency_key UNIQUE (tenant_id, idempotency_key)
);

CREATE INDEX jobs_by_tenant_newest_first ON jobs (tenant_id, created_at DESC, id DESC);
CREATE INDEX jobs_with_files ON jobs (status, updated_at) WHERE files_deleted_at IS NULL;
