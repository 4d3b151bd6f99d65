-- Realtime streams and chat.
--
-- stream_heads/stream_events: every live event is appended to its stream in
-- the transaction that causes it, numbered by the stream's head row (a row
-- lock per stream: numbers follow commit order and have no gaps, since a
-- rolled-back transaction also rolls back its increment). A reconnecting
-- client is sent what it missed from stream_events, which is pruned after the
-- recovery window.
--
-- Chat: conversations (direct, group, or a group's room), their members with
-- read markers, messages numbered by their conversation stream's sequence,
-- reactions and mentions.

CREATE TABLE stream_heads (
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  stream text NOT NULL CHECK (length(stream) <= 100),
  seq bigint NOT NULL,
  PRIMARY KEY (instance_id, stream)
);

CREATE TABLE stream_events (
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  stream text NOT NULL,
  seq bigint NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (instance_id, stream, seq)
);
CREATE INDEX stream_events_created ON stream_events (created_at);

CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('direct', 'group', 'room')),
  title text CHECK (length(title) BETWEEN 1 AND 100),
  group_id uuid,
  -- The two members' ids in order ("a:b"), so that a pair has one direct conversation.
  direct_key text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_message_seq bigint NOT NULL DEFAULT 0,
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (instance_id, id),
  UNIQUE (instance_id, direct_key),
  UNIQUE (instance_id, group_id),
  CHECK ((kind = 'direct') = (direct_key IS NOT NULL)),
  CHECK ((kind = 'room') = (group_id IS NOT NULL)),
  FOREIGN KEY (instance_id, group_id) REFERENCES groups (instance_id, id) ON DELETE CASCADE
);

CREATE TABLE conversation_members (
  instance_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz,
  -- The seq of the last message this member has read.
  read_seq bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, user_id),
  FOREIGN KEY (instance_id, conversation_id) REFERENCES conversations (instance_id, id) ON DELETE CASCADE,
  FOREIGN KEY (instance_id, user_id) REFERENCES memberships (instance_id, user_id) ON DELETE CASCADE
);
CREATE INDEX conversation_members_user ON conversation_members (instance_id, user_id) WHERE left_at IS NULL;

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  seq bigint NOT NULL,
  author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- The sender's idempotency key: a retried send finds the first one.
  client_id text CHECK (length(client_id) BETWEEN 1 AND 64),
  body text NOT NULL CHECK (length(body) <= 10000),
  body_html text NOT NULL,
  parent_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  reply_count integer NOT NULL DEFAULT 0,
  last_reply_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  UNIQUE (instance_id, id),
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, author_id, client_id),
  FOREIGN KEY (instance_id, conversation_id) REFERENCES conversations (instance_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_timeline ON messages (conversation_id, seq) WHERE parent_id IS NULL;
CREATE INDEX messages_thread ON messages (parent_id, seq) WHERE parent_id IS NOT NULL;

CREATE TABLE message_reactions (
  instance_id uuid NOT NULL,
  message_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  emoji text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, user_id, emoji),
  FOREIGN KEY (instance_id, message_id) REFERENCES messages (instance_id, id) ON DELETE CASCADE
);

CREATE TABLE message_mentions (
  instance_id uuid NOT NULL,
  message_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  PRIMARY KEY (message_id, user_id),
  FOREIGN KEY (instance_id, message_id) REFERENCES messages (instance_id, id) ON DELETE CASCADE
);
CREATE INDEX message_mentions_unread ON message_mentions (conversation_id, user_id, seq);

-- A group's room follows the group's membership, in the same transaction as
-- the change (as people sets do, decision 0005): joining the group lets you
-- in, leaving it takes you out, whoever or whatever changed the membership.
CREATE FUNCTION follow_group_room() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO conversation_members (instance_id, conversation_id, user_id)
    SELECT NEW.instance_id, c.id, NEW.user_id FROM conversations c
    WHERE c.instance_id = NEW.instance_id AND c.group_id = NEW.group_id
    ON CONFLICT (conversation_id, user_id) DO UPDATE SET left_at = NULL, joined_at = now();
    RETURN NEW;
  END IF;
  UPDATE conversation_members cm SET left_at = now()
  FROM conversations c
  WHERE c.instance_id = OLD.instance_id AND c.group_id = OLD.group_id
    AND cm.conversation_id = c.id AND cm.user_id = OLD.user_id AND cm.left_at IS NULL;
  RETURN OLD;
END $$;

CREATE TRIGGER group_members_follow_room
  AFTER INSERT OR DELETE ON group_members
  FOR EACH ROW EXECUTE FUNCTION follow_group_room();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['stream_heads', 'stream_events', 'conversations', 'conversation_members', 'messages', 'message_reactions', 'message_mentions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id())', t);
  END LOOP;
END $$;
