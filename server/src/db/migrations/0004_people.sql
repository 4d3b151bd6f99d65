-- People: a profile per person and instance (job title, department, location,
-- about, avatar, and the instance's custom fields), and the custom field
-- definitions administrators set up. Tenant-owned, under forced RLS.

CREATE TABLE profile_fields (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  type text NOT NULL CHECK (type IN ('text', 'choice', 'date')),
  choices text[] NOT NULL DEFAULT '{}' CHECK (cardinality(choices) <= 50),
  required boolean NOT NULL DEFAULT false,
  editable_by text NOT NULL DEFAULT 'user' CHECK (editable_by IN ('user', 'admin')),
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (instance_id, id)
);
CREATE UNIQUE INDEX profile_fields_label ON profile_fields (instance_id, lower(label));

CREATE TABLE profiles (
  instance_id uuid NOT NULL,
  user_id uuid NOT NULL,
  job_title text NOT NULL DEFAULT '' CHECK (length(job_title) <= 100),
  department text NOT NULL DEFAULT '' CHECK (length(department) <= 100),
  location text NOT NULL DEFAULT '' CHECK (length(location) <= 100),
  about text NOT NULL DEFAULT '' CHECK (length(about) <= 2000),
  fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(fields) = 'object'),
  avatar bytea CHECK (octet_length(avatar) <= 262144),
  avatar_updated_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (instance_id, user_id),
  FOREIGN KEY (instance_id, user_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE
);
CREATE INDEX profiles_department ON profiles (instance_id, lower(department)) WHERE department <> '';
CREATE INDEX profiles_location ON profiles (instance_id, lower(location)) WHERE location <> '';

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['profile_fields', 'profiles'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id())', t);
  END LOOP;
END $$;
