-- Groups, the feed (posts and their revisions, comments, reactions, pins,
-- bookmarks, follows) and in-app notifications. All tenant-owned, all under forced RLS.
-- Composite foreign keys on (instance_id, …) make it impossible for a row to
-- point at another instance's group, post or member, even through a bug.

CREATE TABLE groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  visibility text NOT NULL CHECK (visibility IN ('open', 'private', 'secret')),
  posting text NOT NULL DEFAULT 'everyone' CHECK (posting IN ('everyone', 'admins')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  UNIQUE (instance_id, id)
);
-- Names are unique among groups people can see. Secret groups are left out, so
-- that "name already taken" can never reveal that a secret group exists.
CREATE UNIQUE INDEX groups_unique_name ON groups (instance_id, lower(name)) WHERE visibility <> 'secret';

CREATE TABLE group_members (
  instance_id uuid NOT NULL,
  group_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, user_id),
  FOREIGN KEY (instance_id, group_id) REFERENCES groups (instance_id, id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, user_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE
);
CREATE INDEX group_members_user ON group_members (instance_id, user_id);

-- A pending request to join (private groups) or invitation by a group admin.
CREATE TABLE group_requests (
  instance_id uuid NOT NULL,
  group_id uuid NOT NULL,
  user_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('request', 'invitation')),
  created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, user_id),
  FOREIGN KEY (instance_id, group_id) REFERENCES groups (instance_id, id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, user_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE
);

CREATE TABLE posts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  group_id uuid,
  author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  body_html text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  pinned_at timestamptz,
  UNIQUE (instance_id, id),
  FOREIGN KEY (instance_id, group_id) REFERENCES groups (instance_id, id) ON DELETE CASCADE
);
-- Feeds walk posts newest first (keyset on created_at, id): the home feed over
-- the whole instance, a group's feed and a person's posts over their own index.
-- Deletion is a real DELETE (with its comments, reactions and notifications).
CREATE INDEX posts_recent ON posts (instance_id, created_at DESC, id DESC);
CREATE INDEX posts_by_group ON posts (instance_id, group_id, created_at DESC, id DESC);
CREATE INDEX posts_by_author ON posts (instance_id, author_id, created_at DESC, id DESC);
CREATE INDEX posts_pinned ON posts (group_id, pinned_at DESC) WHERE pinned_at IS NOT NULL;

CREATE TABLE post_revisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL,
  post_id uuid NOT NULL,
  body text NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (instance_id, post_id) REFERENCES posts (instance_id, id) ON DELETE CASCADE
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, replaced_at);

CREATE TABLE comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL,
  post_id uuid NOT NULL,
  parent_id uuid REFERENCES comments (id) ON DELETE CASCADE,
  author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  body_html text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  FOREIGN KEY (instance_id, post_id) REFERENCES posts (instance_id, id) ON DELETE CASCADE
);
CREATE INDEX comments_post ON comments (post_id, created_at, id);

CREATE TABLE reactions (
  instance_id uuid NOT NULL,
  post_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  emoji text NOT NULL CHECK (emoji IN ('like', 'love', 'laugh', 'celebrate', 'wow', 'sad', 'thanks', 'eyes')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, user_id, emoji),
  FOREIGN KEY (instance_id, post_id) REFERENCES posts (instance_id, id) ON DELETE CASCADE
);

CREATE TABLE bookmarks (
  instance_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  post_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, post_id),
  FOREIGN KEY (instance_id, post_id) REFERENCES posts (instance_id, id) ON DELETE CASCADE
);

CREATE TABLE follows (
  instance_id uuid NOT NULL,
  follower_id uuid NOT NULL,
  followed_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (instance_id, follower_id, followed_id),
  CHECK (follower_id <> followed_id),
  FOREIGN KEY (instance_id, follower_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, followed_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE
);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('mention', 'comment', 'reply', 'reaction', 'group_invitation', 'join_request', 'join_approved')),
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  group_id uuid,
  post_id uuid,
  comment_id uuid REFERENCES comments (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  FOREIGN KEY (instance_id, group_id) REFERENCES groups (instance_id, id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, post_id) REFERENCES posts (instance_id, id) ON DELETE CASCADE
);
CREATE INDEX notifications_inbox ON notifications (instance_id, user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (instance_id, user_id) WHERE read_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['groups', 'group_members', 'group_requests', 'posts', 'post_revisions', 'comments',
                           'reactions', 'bookmarks', 'follows', 'notifications'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id())', t);
  END LOOP;
END $$;
