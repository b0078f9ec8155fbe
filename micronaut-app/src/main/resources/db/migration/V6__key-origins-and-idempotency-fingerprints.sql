-- Where a key comes from. 'configured': the settings (SIGNALBOX_API_KEY, signalbox.partners.api-keys.*); a tenant's
-- new configured key revokes its earlier configured ones, so changing the setting retires the old key. 'command':
-- made by `signalbox keys create` and revoked only by `signalbox keys revoke`. Every key before this one was configured.
ALTER TABLE api_keys ADD COLUMN origin TEXT NOT NULL DEFAULT 'configured' CHECK (origin IN ('configured', 'command'));
ALTER TABLE api_keys ALTER COLUMN origin SET DEFAULT 'command';
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, created_at);

-- What a request with an Idempotency-Key asked for (SHA-256 of its name, content type and recipe), so that the key
-- reused for another request is refused rather than answered with the first job.
ALTER TABLE jobs ADD COLUMN idempotency_fingerprint TEXT;
