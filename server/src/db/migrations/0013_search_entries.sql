-- The search index moves out of the searched tables into search_entries,
-- read only through the SECURITY DEFINER functions below (decision 0008).
--
-- Why: the application role is under RLS, and under RLS PostgreSQL may not
-- use an operator that is not leakproof as an index condition (it would run
-- before the policy); neither `tsvector @@ tsquery` nor pg_trgm's `%` is.
-- A search therefore read every row of its instance and tested the words one
-- row at a time (112 ms for a word found nowhere in the benchmark's largest
-- instance, 0.2 ms through the index). search_entries has RLS enabled but
-- not forced, and the application role has no privilege on it: only its
-- owner reads it, through functions that take the instance from
-- app_instance_id() exactly as the tenant_isolation policies do, and take
-- what the reader may open (their conversations, readable groups, drives,
-- shares) from the caller's statement, which computes it under RLS.
--
-- One row per searchable document: a post, a comment, a chat message that is
-- not deleted, a drive file that is not in the trash (its name, weighted
-- above the extracted text of its current version). Rows are written by
-- triggers in the transaction that writes the document, so a message is
-- searchable as soon as it is committed.

CREATE TABLE search_entries (
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('post', 'comment', 'message', 'file')),
  id uuid NOT NULL,
  -- What gives access: a message's conversation; a post's or a comment's group (NULL on a profile);
  -- a file's group drive, or the person whose drive it is in.
  scope uuid,
  author_id uuid,
  -- A file's: when it last changed.
  created_at timestamptz NOT NULL,
  -- A file's name, for trigram matching (typos).
  name text,
  search tsvector NOT NULL,
  PRIMARY KEY (kind, id)
);
-- One index per kind: a GIN key on the kind would hold every row of that kind and slow every scan down.
-- Messages by conversation: a reader is in a few conversations, each a short list of entries, where a big
-- instance's common word has thousands of matches in conversations the reader is not in.
CREATE INDEX search_entries_messages ON search_entries USING gin (scope, search) WHERE kind = 'message';
CREATE INDEX search_entries_posts ON search_entries USING gin (instance_id, search) WHERE kind IN ('post', 'comment');
CREATE INDEX search_entries_files ON search_entries USING gin (instance_id, search) WHERE kind = 'file';
CREATE INDEX search_entries_file_names ON search_entries USING gin (instance_id, search_name(name) gin_trgm_ops) WHERE kind = 'file';

ALTER TABLE search_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON search_entries USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id());

-- Writers: run as the owner so that the application role needs no privilege on search_entries. The row they
-- index has passed its own table's policy, so its instance_id is the transaction's.

CREATE FUNCTION search_index_message() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.deleted_at IS NOT NULL THEN
    DELETE FROM search_entries WHERE kind = 'message' AND id = OLD.id;
  ELSE
    INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, search)
    VALUES (NEW.instance_id, 'message', NEW.id, NEW.conversation_id, NEW.author_id, NEW.created_at,
            search_vector(search_author_locale(NEW.author_id), NEW.body))
    ON CONFLICT (kind, id) DO UPDATE SET search = EXCLUDED.search;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_index_post() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = 'post' AND id = OLD.id;
  ELSE
    INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, search)
    VALUES (NEW.instance_id, 'post', NEW.id, NEW.group_id, NEW.author_id, NEW.created_at,
            search_vector(search_author_locale(NEW.author_id), NEW.body))
    ON CONFLICT (kind, id) DO UPDATE SET search = EXCLUDED.search;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_index_comment() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = 'comment' AND id = OLD.id;
  ELSE
    INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, search)
    VALUES (NEW.instance_id, 'comment', NEW.id, (SELECT group_id FROM posts WHERE id = NEW.post_id), NEW.author_id, NEW.created_at,
            search_vector(search_author_locale(NEW.author_id), NEW.body))
    ON CONFLICT (kind, id) DO UPDATE SET search = EXCLUDED.search;
  END IF;
  RETURN NULL;
END $$;

-- A file's entry from its current state: its name in both languages (weight A) and its current version's text (D).
CREATE FUNCTION search_index_file(item uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  i drive_items%ROWTYPE;
BEGIN
  SELECT * INTO i FROM drive_items WHERE id = item;
  IF NOT FOUND OR i.kind <> 'file' OR i.trashed_at IS NOT NULL THEN
    DELETE FROM search_entries WHERE kind = 'file' AND id = item;
    RETURN;
  END IF;
  INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, name, search)
  VALUES (i.instance_id, 'file', i.id, coalesce(i.group_id, i.owner_id), i.created_by, i.updated_at, i.name,
          setweight(to_tsvector('ruche_fr', i.name) || to_tsvector('ruche_en', i.name) || to_tsvector('ruche_simple', i.name), 'A')
          || coalesce((SELECT t.search FROM drive_versions v JOIN blob_texts t ON t.instance_id = v.instance_id AND t.sha256 = v.sha256
                       WHERE v.id = i.current_version_id), ''))
  ON CONFLICT (kind, id) DO UPDATE SET scope = EXCLUDED.scope, author_id = EXCLUDED.author_id, created_at = EXCLUDED.created_at,
    name = EXCLUDED.name, search = EXCLUDED.search;
END $$;

-- Called by the triggers only (it would rebuild any file's entry as it is, so it gives nothing away, but it is nobody's API).
REVOKE EXECUTE ON FUNCTION search_index_file(uuid) FROM PUBLIC;

CREATE FUNCTION search_index_drive_item() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = 'file' AND id = OLD.id;
  ELSIF NEW.kind = 'file' THEN
    PERFORM search_index_file(NEW.id);
  END IF;
  RETURN NULL;
END $$;

-- Text extracted (or extracted again): every file whose current version has this content.
CREATE FUNCTION search_index_blob_text() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM search_index_file(i.id) FROM drive_versions v JOIN drive_items i ON i.current_version_id = v.id
  WHERE v.instance_id = NEW.instance_id AND v.sha256 = NEW.sha256;
  RETURN NULL;
END $$;

DROP TRIGGER posts_search ON posts;
DROP TRIGGER comments_search ON comments;
DROP TRIGGER messages_search ON messages;
DROP TRIGGER drive_items_search ON drive_items;
DROP FUNCTION index_body();
DROP FUNCTION index_drive_name();

CREATE TRIGGER posts_search AFTER INSERT OR UPDATE OF body OR DELETE ON posts
  FOR EACH ROW EXECUTE FUNCTION search_index_post();
CREATE TRIGGER comments_search AFTER INSERT OR UPDATE OF body OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION search_index_comment();
CREATE TRIGGER messages_search AFTER INSERT OR UPDATE OF body, deleted_at OR DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION search_index_message();
CREATE TRIGGER drive_items_search AFTER INSERT OR UPDATE OF name, current_version_id, trashed_at, owner_id, group_id, updated_at OR DELETE ON drive_items
  FOR EACH ROW EXECUTE FUNCTION search_index_drive_item();
CREATE TRIGGER blob_texts_search AFTER INSERT OR UPDATE OF search ON blob_texts
  FOR EACH ROW EXECUTE FUNCTION search_index_blob_text();

-- What exists now. The owner may be under the tables' forced RLS (a DATABASE_URL user that is not superuser),
-- which would show it no row: forcing is lifted for the copy, inside this migration's transaction.
ALTER TABLE posts NO FORCE ROW LEVEL SECURITY;
ALTER TABLE comments NO FORCE ROW LEVEL SECURITY;
ALTER TABLE messages NO FORCE ROW LEVEL SECURITY;
ALTER TABLE drive_items NO FORCE ROW LEVEL SECURITY;
ALTER TABLE drive_versions NO FORCE ROW LEVEL SECURITY;
ALTER TABLE blob_texts NO FORCE ROW LEVEL SECURITY;

INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, search)
SELECT m.instance_id, 'message', m.id, m.conversation_id, m.author_id, m.created_at, coalesce(m.search, search_vector(u.locale, m.body))
FROM messages m JOIN users u ON u.id = m.author_id WHERE m.deleted_at IS NULL;
INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, search)
SELECT p.instance_id, 'post', p.id, p.group_id, p.author_id, p.created_at, coalesce(p.search, search_vector(u.locale, p.body))
FROM posts p JOIN users u ON u.id = p.author_id;
INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, search)
SELECT c.instance_id, 'comment', c.id, p.group_id, c.author_id, c.created_at, coalesce(c.search, search_vector(u.locale, c.body))
FROM comments c JOIN posts p ON p.id = c.post_id JOIN users u ON u.id = c.author_id;
SELECT search_index_file(id) FROM drive_items WHERE kind = 'file' AND trashed_at IS NULL;

ALTER TABLE posts FORCE ROW LEVEL SECURITY;
ALTER TABLE comments FORCE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
ALTER TABLE drive_items FORCE ROW LEVEL SECURITY;
ALTER TABLE drive_versions FORCE ROW LEVEL SECURITY;
ALTER TABLE blob_texts FORCE ROW LEVEL SECURITY;

DROP INDEX posts_search, comments_search, messages_search, drive_items_search, drive_items_name_trgm, blob_texts_search;
ALTER TABLE posts DROP COLUMN search;
ALTER TABLE comments DROP COLUMN search;
ALTER TABLE messages DROP COLUMN search;
ALTER TABLE drive_items DROP COLUMN search;

-- Readers. Each returns a page of the matches of one kind in the transaction's instance, among what the
-- caller says the reader may open, best first: PostgreSQL's cover density rank damped by age (a month-old
-- match counts half as much as today's).

CREATE FUNCTION search_message_matches(pos tsquery, neg tsquery, conversations uuid[], author uuid,
  since timestamptz, until timestamptz, attached boolean, lim integer, skip integer)
RETURNS TABLE (id uuid, created_at timestamptz, score double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT e.id, e.created_at, ts_rank_cd(e.search, pos) / (1 + extract(epoch FROM now() - e.created_at) / 2592000) AS score
  FROM search_entries e
  WHERE e.kind = 'message' AND e.instance_id = app_instance_id()
    AND e.search @@ pos AND (neg IS NULL OR NOT e.search @@ neg)
    AND e.scope = ANY (conversations) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
    AND (attached IS NULL OR attached = EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = e.id))
  ORDER BY score DESC, e.created_at DESC, e.id LIMIT lim OFFSET skip
$$;

-- Posts and comments: of the given groups, and on profiles (scope NULL) when `profiles`; otherwise only on
-- the reader's own profile (a guest's).
CREATE FUNCTION search_post_matches(pos tsquery, neg tsquery, groups uuid[], profiles boolean, reader uuid, author uuid,
  since timestamptz, until timestamptz, attached boolean, lim integer, skip integer)
RETURNS TABLE (kind text, id uuid, created_at timestamptz, score double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT e.kind, e.id, e.created_at, ts_rank_cd(e.search, pos) / (1 + extract(epoch FROM now() - e.created_at) / 2592000) AS score
  FROM search_entries e
  WHERE e.kind IN ('post', 'comment') AND e.instance_id = app_instance_id()
    AND e.search @@ pos AND (neg IS NULL OR NOT e.search @@ neg)
    AND (e.scope = ANY (groups) OR (e.scope IS NULL AND (profiles OR reader = CASE e.kind WHEN 'post' THEN e.author_id
           ELSE (SELECT p.author_id FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = e.id) END)))
    AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
    AND (attached IS NULL OR attached = CASE e.kind
           WHEN 'post' THEN EXISTS (SELECT 1 FROM attachments a WHERE a.post_id = e.id)
           ELSE EXISTS (SELECT 1 FROM attachments a WHERE a.comment_id = e.id) END)
  ORDER BY score DESC, e.created_at DESC, e.id LIMIT lim OFFSET skip
$$;

-- Files of the given drives (groups, or the reader's own) or shared by id, by words or by a name close to `raw`.
CREATE FUNCTION search_file_matches(pos tsquery, neg tsquery, raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, lim integer, skip integer)
RETURNS TABLE (id uuid, created_at timestamptz, score double precision)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT e.id, e.created_at, coalesce(ts_rank_cd(e.search, pos), 0) + similarity(search_name(e.name), search_name(raw)) AS score
  FROM search_entries e
  WHERE e.kind = 'file' AND e.instance_id = app_instance_id()
    AND (e.search @@ pos OR search_name(e.name) % search_name(raw)) AND (neg IS NULL OR NOT e.search @@ neg)
    AND (e.scope = ANY (drives) OR e.id = ANY (shared)) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
  ORDER BY score DESC, e.created_at DESC, e.id LIMIT lim OFFSET skip
$$;
