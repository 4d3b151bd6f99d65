-- Search in PostgreSQL (docs/search.md). Posts, comments, chat messages and
-- drive file names carry a `search` tsvector, computed by triggers in the
-- transaction that writes the row: a message is searchable as soon as it is
-- committed. Each vector holds the text stemmed in its document's language
-- (the author's locale: French or English), accents removed, plus the
-- unstemmed words ('simple') so that a word being typed matches as a prefix.
-- People and groups are found by trigram similarity of their names (typos).

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- GIN indexes on (instance_id, search): a search reads one instance's entries, not every tenant's.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TEXT SEARCH CONFIGURATION ruche_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION ruche_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION ruche_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION ruche_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION ruche_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION ruche_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- The vector of a text in a language ('fr' or 'en').
CREATE FUNCTION search_vector(lang text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN lang = 'fr' THEN to_tsvector('ruche_fr', body) ELSE to_tsvector('ruche_en', body) END
         || to_tsvector('ruche_simple', body)
$$;

-- An unaccented, lowercased name, for trigram matching.
CREATE FUNCTION search_name(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lower(public.unaccent('public.unaccent', name)) $$;

CREATE FUNCTION search_author_locale(author uuid) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT locale FROM users WHERE id = author $$;

CREATE FUNCTION index_body() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := search_vector(search_author_locale(NEW.author_id), NEW.body);
  RETURN NEW;
END $$;

CREATE FUNCTION index_drive_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- File names are words of no set language: both stemmers, so "réunions.pdf" is found by "réunion".
  NEW.search := to_tsvector('ruche_fr', NEW.name) || to_tsvector('ruche_en', NEW.name) || to_tsvector('ruche_simple', NEW.name);
  RETURN NEW;
END $$;

ALTER TABLE posts ADD COLUMN search tsvector;
ALTER TABLE comments ADD COLUMN search tsvector;
ALTER TABLE messages ADD COLUMN search tsvector;
ALTER TABLE drive_items ADD COLUMN search tsvector;

CREATE TRIGGER posts_search BEFORE INSERT OR UPDATE OF body ON posts FOR EACH ROW EXECUTE FUNCTION index_body();
CREATE TRIGGER comments_search BEFORE INSERT OR UPDATE OF body ON comments FOR EACH ROW EXECUTE FUNCTION index_body();
CREATE TRIGGER messages_search BEFORE INSERT OR UPDATE OF body ON messages FOR EACH ROW EXECUTE FUNCTION index_body();
CREATE TRIGGER drive_items_search BEFORE INSERT OR UPDATE OF name ON drive_items FOR EACH ROW EXECUTE FUNCTION index_drive_name();

UPDATE posts SET body = body;
UPDATE comments SET body = body;
UPDATE messages SET body = body;
UPDATE drive_items SET name = name;

CREATE INDEX posts_search ON posts USING gin (instance_id, search);
CREATE INDEX comments_search ON comments USING gin (instance_id, search);
CREATE INDEX messages_search ON messages USING gin (instance_id, search);
CREATE INDEX drive_items_search ON drive_items USING gin (instance_id, search);
CREATE INDEX users_name_trgm ON users USING gin (search_name(display_name) gin_trgm_ops);
CREATE INDEX groups_name_trgm ON groups USING gin (instance_id, search_name(name) gin_trgm_ops);
CREATE INDEX drive_items_name_trgm ON drive_items USING gin (instance_id, search_name(name) gin_trgm_ops);

-- What must match: the words and phrases stemmed in French or in English (a
-- document has one language, a query does not say which), and the word being
-- typed as a prefix of an unstemmed word or as a stemmed word. NULL: nothing
-- to look for (empty, or only stop words).
CREATE FUNCTION search_query(must text, prefix text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  fr tsquery; en tsquery; main tsquery; tail tsquery; part tsquery;
BEGIN
  IF must <> '' THEN
    fr := websearch_to_tsquery('ruche_fr', must);
    en := websearch_to_tsquery('ruche_en', must);
    IF numnode(fr) > 0 THEN main := fr; END IF;
    IF numnode(en) > 0 THEN main := CASE WHEN main IS NULL THEN en ELSE main || en END; END IF;
  END IF;
  IF prefix <> '' THEN
    -- The caller reduced prefix to letters and digits: quoted, it is one lexeme.
    FOREACH part IN ARRAY ARRAY[to_tsquery('ruche_simple', quote_literal(prefix) || ':*'), plainto_tsquery('ruche_fr', prefix), plainto_tsquery('ruche_en', prefix)] LOOP
      IF numnode(part) > 0 THEN tail := CASE WHEN tail IS NULL THEN part ELSE tail || part END; END IF;
    END LOOP;
  END IF;
  IF main IS NULL THEN RETURN tail; END IF;
  IF tail IS NULL THEN RETURN main; END IF;
  RETURN main && tail;
END $$;

-- What must not appear: any of the words or phrases, in any of the three forms.
CREATE FUNCTION search_exclusion(terms text[]) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  term text; part tsquery; result tsquery;
BEGIN
  FOREACH term IN ARRAY coalesce(terms, '{}') LOOP
    FOREACH part IN ARRAY ARRAY[phraseto_tsquery('ruche_fr', term), phraseto_tsquery('ruche_en', term), phraseto_tsquery('ruche_simple', term)] LOOP
      IF numnode(part) > 0 THEN result := CASE WHEN result IS NULL THEN part ELSE result || part END; END IF;
    END LOOP;
  END LOOP;
  RETURN result;
END $$;
