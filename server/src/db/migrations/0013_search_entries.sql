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
-- not deleted, a drive file that is not in the trash (its name, and apart
-- the extracted text of its current version). Rows are written by triggers
-- in the transaction that writes the document, so a message is searchable as
-- soon as it is committed. search_words lists each instance's words, for
-- the word being typed.

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
  -- The words of the document; a file's name.
  search tsvector NOT NULL,
  -- A file's content: the extracted text of its current version. Apart from the name so that matching and
  -- ranking a name do not read the (large, TOASTed) text.
  text_search tsvector,
  PRIMARY KEY (kind, id)
);
-- One index per kind: a GIN key on the kind would hold every row of that kind and slow every scan down.
-- Messages by conversation: a reader is in a few conversations, each a short list of entries, where a big
-- instance's common word has thousands of matches in conversations the reader is not in.
CREATE INDEX search_entries_messages ON search_entries USING gin (scope, search) WHERE kind = 'message';
CREATE INDEX search_entries_posts ON search_entries USING gin (instance_id, search) WHERE kind IN ('post', 'comment');
CREATE INDEX search_entries_files ON search_entries USING gin (instance_id, search) WHERE kind = 'file';
CREATE INDEX search_entries_file_texts ON search_entries USING gin (instance_id, text_search) WHERE kind = 'file';
CREATE INDEX search_entries_file_names ON search_entries USING gin (instance_id, search_name(name) gin_trgm_ops) WHERE kind = 'file';

ALTER TABLE search_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON search_entries USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id());

-- Every word (lexeme) of an instance's entries, for the word being typed: "budg" is looked up here and
-- becomes 'budget' | 'budgets' | 'budgetaire', which the GIN indexes answer key by key. A prefix match
-- (`'budg':*`) in the index itself reads every matching word's postings of every instance, once per
-- conversation of the reader for messages: 130 ms instead of 4 in the benchmark. Words are never removed
-- (a word no longer used finds nothing); the instance's deletion removes them. Same access as search_entries.
-- No unique key: two transactions adding the same new words in other orders would deadlock on it (the
-- benchmark's seeding did). A word written twice by such a race is harmless: the lookup is DISTINCT.
CREATE TABLE search_words (
  instance_id uuid NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
  word text COLLATE "C" NOT NULL
);
CREATE INDEX search_words_by_word ON search_words (instance_id, word);
ALTER TABLE search_words ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON search_words USING (instance_id = app_instance_id()) WITH CHECK (instance_id = app_instance_id());

-- Writers: run as the owner so that the application role needs no privilege on search_entries. The row they
-- index has passed its own table's policy, so its instance_id is the transaction's.

-- Words longer than 60 characters (links, hashes, runs of letters) are not offered as completions. Called by
-- the SECURITY DEFINER triggers below, as their owner and with their search_path. Planned at each call with
-- the table as it is: a plan kept from when search_words was nearly empty (a new installation) could scan the
-- whole table for every message once it has grown; the bench's seeding showed such a slowdown.
CREATE FUNCTION search_remember_words(instance uuid, v tsvector) RETURNS void
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  INSERT INTO search_words (instance_id, word)
  SELECT instance, w FROM unnest(tsvector_to_array(v)) w
  WHERE length(w) <= 60 AND NOT EXISTS (SELECT 1 FROM search_words s WHERE s.instance_id = instance AND s.word = w);
END $$;
REVOKE EXECUTE ON FUNCTION search_remember_words(uuid, tsvector) FROM PUBLIC;

-- A post, a comment or a message (its kind is the trigger's argument): its text in its author's language.
-- PL/pgSQL prepares each statement when it first runs it, once per table, so each branch names the columns
-- of its own table only.
CREATE FUNCTION search_index_body() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  doc_kind text := TG_ARGV[0];
  doc_scope uuid;
  v tsvector;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = doc_kind AND id = OLD.id;
    RETURN NULL;
  END IF;
  IF doc_kind = 'message' THEN
    IF NEW.deleted_at IS NOT NULL THEN
      DELETE FROM search_entries WHERE kind = doc_kind AND id = NEW.id;
      RETURN NULL;
    END IF;
    doc_scope := NEW.conversation_id;
  ELSIF doc_kind = 'post' THEN
    doc_scope := NEW.group_id;
  ELSE
    doc_scope := (SELECT group_id FROM posts WHERE id = NEW.post_id);
  END IF;
  v := search_vector((SELECT locale FROM users WHERE id = NEW.author_id), NEW.body);
  INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, search)
  VALUES (NEW.instance_id, doc_kind, NEW.id, doc_scope, NEW.author_id, NEW.created_at, v)
  ON CONFLICT (kind, id) DO UPDATE SET search = EXCLUDED.search, created_at = EXCLUDED.created_at;
  PERFORM search_remember_words(NEW.instance_id, v);
  RETURN NULL;
END $$;

-- A file's entry from its current state: its name in both languages, and its current version's text.
CREATE FUNCTION search_index_file(item uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  i drive_items%ROWTYPE;
  name_vector tsvector;
  text_vector tsvector;
BEGIN
  SELECT * INTO i FROM drive_items WHERE id = item;
  IF NOT FOUND OR i.kind <> 'file' OR i.trashed_at IS NOT NULL THEN
    DELETE FROM search_entries WHERE kind = 'file' AND id = item;
    RETURN;
  END IF;
  name_vector := to_tsvector('ruche_fr', i.name) || to_tsvector('ruche_en', i.name) || to_tsvector('ruche_simple', i.name);
  text_vector := (SELECT t.search FROM drive_versions v JOIN blob_texts t ON t.instance_id = v.instance_id AND t.sha256 = v.sha256
                  WHERE v.id = i.current_version_id);
  INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, name, search, text_search)
  VALUES (i.instance_id, 'file', i.id, coalesce(i.group_id, i.owner_id), i.created_by, i.updated_at, i.name, name_vector, text_vector)
  ON CONFLICT (kind, id) DO UPDATE SET scope = EXCLUDED.scope, author_id = EXCLUDED.author_id, created_at = EXCLUDED.created_at,
    name = EXCLUDED.name, search = EXCLUDED.search, text_search = EXCLUDED.text_search;
  PERFORM search_remember_words(i.instance_id, name_vector || coalesce(text_vector, ''));
END $$;

-- Called by the triggers only (it would rebuild any file's entry as it is, so it gives nothing away, but it is nobody's API).
REVOKE EXECUTE ON FUNCTION search_index_file(uuid) FROM PUBLIC;

CREATE FUNCTION search_index_drive_item() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v tsvector;
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
  PERFORM search_index_file(v.item_id) FROM drive_versions v JOIN drive_items i ON i.id = v.item_id AND i.current_version_id = v.id
  WHERE v.instance_id = NEW.instance_id AND v.sha256 = NEW.sha256;
  RETURN NULL;
END $$;

DROP TRIGGER posts_search ON posts;
DROP TRIGGER comments_search ON comments;
DROP TRIGGER messages_search ON messages;
DROP TRIGGER drive_items_search ON drive_items;
DROP FUNCTION index_body();
DROP FUNCTION index_drive_name();
-- The triggers read the author's locale in their own statement, whose plan PL/pgSQL keeps (an SQL function
-- is planned again at each call: it was a third of a message's indexing).
DROP FUNCTION search_author_locale(uuid);

CREATE TRIGGER posts_search AFTER INSERT OR UPDATE OF body, created_at OR DELETE ON posts
  FOR EACH ROW EXECUTE FUNCTION search_index_body('post');
CREATE TRIGGER comments_search AFTER INSERT OR UPDATE OF body, created_at OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION search_index_body('comment');
CREATE TRIGGER messages_search AFTER INSERT OR UPDATE OF body, deleted_at, created_at OR DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION search_index_body('message');
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
INSERT INTO search_words (instance_id, word)
SELECT DISTINCT e.instance_id, w FROM search_entries e, unnest(tsvector_to_array(e.search)) w WHERE e.kind <> 'file' AND length(w) <= 60;

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
-- match counts half as much as today's). ROWS: a page, so that the statement reads the page's documents by
-- their keys (the default estimate, 1000 rows, made the planner hash whole conversations instead).

CREATE FUNCTION search_message_matches(pos tsquery, neg tsquery, conversations uuid[], author uuid,
  since timestamptz, until timestamptz, attached boolean, lim integer, skip integer)
RETURNS TABLE (id uuid, created_at timestamptz, score double precision)
LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
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
LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
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

-- Files of the given drives (groups, or the reader's own) or shared by id: by the words of their name or their
-- content, or by a name close to `raw`. Ranked by the name (a name match above a content-only one).
CREATE FUNCTION search_file_matches(pos tsquery, neg tsquery, raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, lim integer, skip integer)
RETURNS TABLE (id uuid, created_at timestamptz, score double precision)
LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
  SELECT e.id, e.created_at, coalesce(ts_rank_cd(e.search, pos), 0) + similarity(search_name(e.name), search_name(raw)) AS score
  FROM search_entries e
  WHERE e.kind = 'file' AND e.instance_id = app_instance_id()
    -- The name before the text: a file found by a close name is not rechecked against its (TOASTed) text.
    AND (e.search @@ pos OR search_name(e.name) % search_name(raw) OR e.text_search @@ pos)
    -- Exclusions through the indexes, once, rather than by reading the text of every match.
    AND (neg IS NULL OR e.id NOT IN (SELECT x.id FROM search_entries x WHERE x.kind = 'file' AND x.instance_id = app_instance_id()
                                      AND (x.search @@ neg OR x.text_search @@ neg)))
    AND (e.scope = ANY (drives) OR e.id = ANY (shared)) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
  ORDER BY score DESC, e.created_at DESC, e.id LIMIT lim OFFSET skip
$$;

-- The word being typed, as the words of the instance that begin with it: the 50 shortest (the closest to
-- what is typed). NULL when nothing begins with it.
CREATE FUNCTION search_prefix_words(prefix text) RETURNS tsquery
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT string_agg(quote_literal(w.word), ' | ')::tsquery
  FROM (SELECT DISTINCT length(word), word FROM search_words
        WHERE instance_id = app_instance_id() AND word >= prefix AND word < prefix || chr(1114111)
        ORDER BY length(word), word LIMIT 50) w
$$;

-- As in 0011, but the word being typed is looked up in the instance's words (search_prefix_words) rather than
-- matched as a prefix in the index. STABLE now: the answer depends on the instance's words.
CREATE OR REPLACE FUNCTION search_query(must text, prefix text) RETURNS tsquery
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  fr tsquery; en tsquery; main tsquery; tail tsquery; part tsquery; typed text[];
BEGIN
  IF must <> '' THEN
    fr := websearch_to_tsquery('ruche_fr', must);
    en := websearch_to_tsquery('ruche_en', must);
    IF numnode(fr) > 0 THEN main := fr; END IF;
    IF numnode(en) > 0 THEN main := CASE WHEN main IS NULL THEN en ELSE main || en END; END IF;
  END IF;
  IF prefix <> '' THEN
    -- The caller reduced prefix to letters and digits: one word, unaccented and lowercased here as indexed.
    typed := tsvector_to_array(to_tsvector('ruche_simple', prefix));
    FOREACH part IN ARRAY ARRAY[
      CASE WHEN cardinality(typed) = 1 THEN search_prefix_words(typed[1]) ELSE to_tsquery('ruche_simple', quote_literal(prefix) || ':*') END,
      plainto_tsquery('ruche_fr', prefix), plainto_tsquery('ruche_en', prefix)] LOOP
      IF numnode(part) > 0 THEN tail := CASE WHEN tail IS NULL THEN part ELSE tail || part END; END IF;
    END LOOP;
  END IF;
  IF main IS NULL THEN RETURN tail; END IF;
  IF tail IS NULL THEN RETURN main; END IF;
  RETURN main && tail;
END $$;
