-- Admission counts a tenant's jobs waiting for or in processing before it takes another upload.
CREATE INDEX jobs_queued_by_tenant ON jobs (tenant_id) WHERE status IN ('QUEUED', 'PROCESSING');
