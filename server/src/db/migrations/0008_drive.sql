-- Drive: content-addressed blobs, personal and group drives with folders,
-- file versions, shares and resumable uploads (docs/drive.md).
--
-- blobs: one row per distinct content per instance (SHA-256). The bytes live
-- in the blob store (filesystem or S3) under the same address; the row is
-- written in the transaction that first references it, after the bytes were
-- promoted, so a committed reference always points at stored bytes. Rows no
-- longer referenced are removed with their bytes by the sweep job.

CREATE TABLE blobs (
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  -- Sniffed from the bytes, never taken from the client.
  media_type text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (instance_id, sha256)
);

-- A drive belongs to one person (owner_id) or one group (group_id). Items form
-- a tree per drive through parent_id (NULL: the drive's root).
CREATE TABLE drive_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  owner_id uuid,
  group_id uuid,
  parent_id uuid,
  kind text NOT NULL CHECK (kind IN ('folder', 'file')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  -- Set for files: the version shown and downloaded.
  current_version_id uuid,
  size bigint NOT NULL DEFAULT 0,
  media_type text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Trash: every item of a trashed folder is marked; trashed_root marks the one
  -- the person put in the trash (the one listed in the trash and restored).
  trashed_at timestamptz,
  trashed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  trashed_root boolean NOT NULL DEFAULT false,
  UNIQUE (instance_id, id),
  CHECK ((owner_id IS NULL) <> (group_id IS NULL)),
  CHECK (kind = 'file' OR current_version_id IS NULL),
  FOREIGN KEY (instance_id, owner_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, group_id) REFERENCES groups (instance_id, id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, parent_id) REFERENCES drive_items (instance_id, id) ON DELETE CASCADE
);
-- Names are unique among the live items of a folder, whatever their case.
CREATE UNIQUE INDEX drive_items_name ON drive_items (
  instance_id, COALESCE(owner_id, group_id), COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name)
) WHERE trashed_at IS NULL;
CREATE INDEX drive_items_parent ON drive_items (instance_id, parent_id);
CREATE INDEX drive_items_owner ON drive_items (instance_id, owner_id, updated_at DESC) WHERE owner_id IS NOT NULL;
CREATE INDEX drive_items_group ON drive_items (instance_id, group_id, updated_at DESC) WHERE group_id IS NOT NULL;
CREATE INDEX drive_items_trashed ON drive_items (trashed_at) WHERE trashed_root;

CREATE TABLE drive_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL,
  item_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  sha256 text NOT NULL,
  size bigint NOT NULL,
  media_type text NOT NULL,
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_id, number),
  FOREIGN KEY (instance_id, item_id) REFERENCES drive_items (instance_id, id) ON DELETE CASCADE,
  -- Checked at commit: deleting an instance cascades to blobs and to versions in no set order.
  FOREIGN KEY (instance_id, sha256) REFERENCES blobs (instance_id, sha256) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX drive_versions_blob ON drive_versions (instance_id, sha256);
CREATE INDEX drive_versions_uploader ON drive_versions (instance_id, uploaded_by);

ALTER TABLE drive_items ADD FOREIGN KEY (current_version_id) REFERENCES drive_versions (id) DEFERRABLE INITIALLY DEFERRED;

-- A file shared with one person or every member of one group.
CREATE TABLE drive_shares (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL,
  item_id uuid NOT NULL,
  user_id uuid,
  group_id uuid,
  role text NOT NULL CHECK (role IN ('viewer', 'editor')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((user_id IS NULL) <> (group_id IS NULL)),
  UNIQUE (item_id, user_id),
  UNIQUE (item_id, group_id),
  FOREIGN KEY (instance_id, item_id) REFERENCES drive_items (instance_id, id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, user_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, group_id) REFERENCES groups (instance_id, id) ON DELETE CASCADE
);
CREATE INDEX drive_shares_user ON drive_shares (instance_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX drive_shares_group ON drive_shares (instance_id, group_id) WHERE group_id IS NOT NULL;

-- A chunked upload in progress: its parts are temporary objects
-- uploads/<id>/<part key> in the blob store, appended strictly in order.
CREATE TABLE drive_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL,
  user_id uuid NOT NULL,
  owner_id uuid,
  group_id uuid,
  parent_id uuid,
  -- Set when the upload is a new version of this file.
  item_id uuid,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  size bigint NOT NULL CHECK (size >= 0),
  received bigint NOT NULL DEFAULT 0,
  part_keys text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK ((owner_id IS NULL) <> (group_id IS NULL)),
  FOREIGN KEY (instance_id, user_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE
);
CREATE INDEX drive_uploads_expires ON drive_uploads (expires_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['blobs', 'drive_items', 'drive_versions', 'drive_shares', 'drive_uploads'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id())', t);
  END LOOP;
END $$;
