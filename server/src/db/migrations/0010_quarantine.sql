-- Uploads that the antivirus (clamd, when configured) found infected. Their
-- bytes are kept out of every drive and attachment, as the temporary object
-- temp_key, for an administrator to inspect; the sweep deletes both after 30 days.
CREATE TABLE quarantined_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  name text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  signature text NOT NULL,
  temp_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quarantined_files_created ON quarantined_files (instance_id, created_at);

ALTER TABLE quarantined_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE quarantined_files FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON quarantined_files USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id());
