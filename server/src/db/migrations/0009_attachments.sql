-- Files attached to feed posts, comments and chat messages. An attachment is
-- uploaded first (pending: no post, comment or message yet, visible to its
-- uploader only), then claimed by the post, comment or message that its
-- uploader creates; it is read with the permission of what it is attached
-- to, and deleted with it. Its bytes are a blob like a drive file's (same
-- store, same content addressing: attaching a drive file stores nothing new).

CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL,
  -- Kept when the uploader leaves the instance, like their posts and messages.
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  sha256 text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  media_type text NOT NULL,
  post_id uuid REFERENCES posts (id) ON DELETE CASCADE,
  comment_id uuid REFERENCES comments (id) ON DELETE CASCADE,
  message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  position smallint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(post_id, comment_id, message_id) <= 1),
  -- Checked at commit: deleting an instance cascades to blobs and to attachments in no set order.
  FOREIGN KEY (instance_id, sha256) REFERENCES blobs (instance_id, sha256) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX attachments_post ON attachments (post_id) WHERE post_id IS NOT NULL;
CREATE INDEX attachments_comment ON attachments (comment_id) WHERE comment_id IS NOT NULL;
CREATE INDEX attachments_message ON attachments (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_blob ON attachments (instance_id, sha256);
CREATE INDEX attachments_uploader ON attachments (instance_id, uploaded_by);
CREATE INDEX attachments_pending ON attachments (created_at) WHERE post_id IS NULL AND comment_id IS NULL AND message_id IS NULL;

ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON attachments USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id());
