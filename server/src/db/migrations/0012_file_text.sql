-- Text extracted from stored files for search (plain text formats for now),
-- one row per blob: identical content is extracted once. Filled by a
-- background job (search/extraction.ts) that retries a failed extraction up
-- to three times; removed with its blob.
CREATE TABLE blob_texts (
  instance_id uuid NOT NULL,
  sha256 text NOT NULL,
  body text NOT NULL DEFAULT '',
  search tsvector,
  attempts integer NOT NULL DEFAULT 0,
  error text,
  extracted_at timestamptz,
  PRIMARY KEY (instance_id, sha256),
  FOREIGN KEY (instance_id, sha256) REFERENCES blobs (instance_id, sha256) ON DELETE CASCADE
);
CREATE INDEX blob_texts_search ON blob_texts USING gin (instance_id, search);

ALTER TABLE blob_texts ENABLE ROW LEVEL SECURITY;
ALTER TABLE blob_texts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON blob_texts USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id());
