-- Recent posts keyed by instance and period; keyed queries rewritten once; files' content matches told from
-- name matches by id; the words being typed and the name as searched in PL/pgSQL (issue 6; docs/search.md
-- "Index" and "Speed").
--
-- search_scoped_query (0015) ran its two regular expressions over the query's text once for each scope: 46
-- times for a reader of 46 groups' drives, for every search of files by their text (0020), and once per
-- conversation for messages. As an SQL function that is never inlined (it aggregates), it was also parsed and
-- planned again at every call. search_keyed_query rewrites the query's text once, with a mark where each
-- word's key goes (a control character, which the text search parser never puts in a word), then puts each
-- key in its copy; as PL/pgSQL, its statements are planned once per connection. The result is the same
-- text, hence the same query: 0.26 → 0.09 ms a call for 46 scopes (pgbench on a copy of the benchmark's
-- database, the round trip left out).
CREATE FUNCTION search_keyed_query(keys text[], query tsquery) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  marked text := '(' || regexp_replace(regexp_replace(query::text, '<(-|\d+)>', '&', 'g'),
                                       '''((?:[^'']|'''')*)''', E'''\x01\\1''', 'g') || ')';
BEGIN
  RETURN (SELECT string_agg(replace(marked, E'\x01', k), ' | ') FROM unnest(keys) k)::tsquery;
END
$$;

CREATE OR REPLACE FUNCTION search_scoped_query(scopes uuid[], query tsquery) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN search_keyed_query(ARRAY(SELECT right(s::text, 8) FROM unnest(scopes) s), query);
END
$$;

-- Words under a key of any text, as search_scoped_words (0015) keys them under a scope.
CREATE FUNCTION search_keyed_words(key text, words tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY(SELECT key || w FROM unnest(tsvector_to_array(words)) w))
$$;

-- Recent posts and comments of every group, keyed by their instance and period. The recent tier of a search
-- of every group (0019) looked up the period index on three keys, the instance, the period and each word: GIN
-- read the instance's posting list, the period's (every instance's) and the word's (every instance's), a
-- fifth of a posts search in the benchmark's largest instance, to keep the few hundred entries all three
-- share. Under one key per instance and period, a word's key lists exactly those: with the two changes to the
-- tier below, 2.1 → 0.7 ms for "budget" there (pgbench, the transaction around the call left out). The key is 14 characters, the instance id's last 8 and the period on 6, so that a key
-- and a word never read as another key and word; two instances may share 8 digits, so the statement still
-- checks the instance (the key is a hint, never a permission). The older tier keeps the period index, by
-- instance and word.
CREATE FUNCTION search_recent_key(instance uuid, period integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT right(instance::text, 8) || lpad(period::text, 6, '0')
$$;
CREATE INDEX search_entries_posts_recent_words ON search_entries
  USING gin (search_keyed_words(search_recent_key(instance_id, search_period(created_at)), search))
  WHERE kind IN ('post', 'comment');

-- As in 0019, the recent tier of every group through the keys above; the keys have no positions, so a phrase
-- is checked on the entry's own words. The instance is read once (a subquery), not for every entry compared,
-- and the age in seconds as a float: the numeric of extract() cost a microsecond for each entry ranked.
CREATE OR REPLACE FUNCTION search_post_tier(pos tsquery, neg tsquery, groups uuid[], profiles boolean, reader uuid, author uuid,
  since timestamptz, until timestamptz, attached boolean, recent boolean, by_group boolean, lim integer)
RETURNS SETOF search_match
LANGUAGE sql STABLE AS $$
  SELECT e.kind, e.id, e.created_at, ts_rank(e.search, pos) / (1 + date_part('epoch', now() - e.created_at) / 2592000)
  FROM search_entries e
  WHERE e.kind IN ('post', 'comment') AND e.instance_id = (SELECT app_instance_id())
    AND CASE WHEN recent AND by_group THEN e.created_at >= search_recent_from()
             WHEN recent THEN true
             ELSE e.created_at < search_recent_from() END
    -- By group, the exact words are checked as a function call, which no index answers: the planner then reads
    -- the groups' keys rather than the instance's matches through the period index.
    AND CASE WHEN by_group THEN e.scope IS NOT NULL AND search_scoped_words(e.scope, e.search) @@ search_scoped_query(groups, pos)
                                AND ts_match_vq(e.search, pos)
             WHEN recent THEN search_keyed_words(search_recent_key(e.instance_id, search_period(e.created_at)), e.search)
                                @@ search_keyed_query(ARRAY[search_recent_key(app_instance_id(), search_period(now())),
                                                            search_recent_key(app_instance_id(), search_period(now()) - 1)], pos)
                              AND ((SELECT strpos(pos::text, '<') = 0) OR ts_match_vq(e.search, pos))
             ELSE e.search @@ pos END
    AND (neg IS NULL OR NOT e.search @@ neg)
    AND (e.scope = ANY (groups) OR (e.scope IS NULL AND (profiles OR reader = CASE e.kind WHEN 'post' THEN e.author_id
           ELSE (SELECT p.author_id FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = e.id) END)))
    AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
    AND (attached IS NULL OR attached = CASE e.kind
           WHEN 'post' THEN EXISTS (SELECT 1 FROM attachments a WHERE a.post_id = e.id)
           ELSE EXISTS (SELECT 1 FROM attachments a WHERE a.comment_id = e.id) END)
  ORDER BY 4 DESC, e.created_at DESC, e.id LIMIT lim
$$;

-- The instance's words that begin with the word being typed (0013), as PL/pgSQL: as an SQL function with its
-- own settings it is never inlined, so its statement was parsed and planned at every call, 0.11 ms, three
-- times a search (the posts', messages' and files' queries each); 0.01 ms now (pgbench).
CREATE OR REPLACE FUNCTION search_prefix_words(prefix text) RETURNS tsquery
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  RETURN (SELECT string_agg(quote_literal(w.word), ' | ')::tsquery
          FROM (SELECT DISTINCT length(word), word FROM search_words
                WHERE instance_id = app_instance_id() AND word >= prefix AND word < prefix || chr(1114111)
                ORDER BY length(word), word LIMIT 50) w);
END
$$;

-- The name as searched, lowercased and unaccented: an SQL function that is never inlined (unaccent with its
-- dictionary named is STABLE, the function IMMUTABLE), so its text was parsed and planned again at every
-- call: up to seven calls a search (the name typed, in the people, groups and files statements), 20 µs each.
-- As PL/pgSQL, its expression is planned once per connection. Same result, so the stored names
-- (users.search_name, groups.search_name) and the index on drive item names stay valid.
CREATE OR REPLACE FUNCTION search_name(name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN lower(public.unaccent('public.unaccent', name));
END
$$;

-- As in 0020, content-only matches told from name matches by id. The content tier is read only when the names'
-- tiers cannot fill the page, so they have given all their matches; it checked each of its own matches
-- against the words and the spelling of its name again, a trigram similarity each (161 of them for
-- "livraison client" in the benchmark's largest instance, 0.3 ms).
CREATE OR REPLACE FUNCTION search_file_tier(pos tsquery, keyed tsquery, phrase boolean, excluded uuid[], typed text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, tier integer, lim integer)
RETURNS SETOF search_match
LANGUAGE sql STABLE AS $$
  SELECT 'file', e.id, e.created_at, CASE WHEN tier = 3 THEN 0 ELSE coalesce(ts_rank(e.search, pos), 0) + similarity(e.name, typed) END
  FROM search_entries e
  WHERE e.kind = 'file' AND e.instance_id = app_instance_id()
    AND CASE tier WHEN 1 THEN e.search @@ pos
                  WHEN 2 THEN e.name % typed AND NOT coalesce(e.search @@ pos, false)
                  ELSE e.text_search IS NOT NULL
                       AND (search_scoped_words(e.scope, e.text_search) @@ keyed OR e.id = ANY (shared))
                       AND (NOT phrase AND e.id <> ALL (shared) OR ts_match_vq(e.text_search, pos)) END
    AND e.id <> ALL (excluded)
    AND (e.scope = ANY (drives) OR e.id = ANY (shared)) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
  ORDER BY 4 DESC, e.created_at DESC, e.id LIMIT lim
$$;

CREATE OR REPLACE FUNCTION search_file_matches(pos tsquery, neg tsquery, raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, lim integer, skip integer)
RETURNS SETOF search_match
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  -- Exclusions through the indexes, once, rather than by reading the text of every match.
  excluded uuid[] := CASE WHEN neg IS NULL THEN '{}' ELSE ARRAY(
    SELECT x.id FROM search_entries x WHERE x.kind = 'file' AND x.instance_id = app_instance_id()
      AND (x.search @@ neg OR x.text_search @@ neg)) END;
  keyed tsquery;
  phrase boolean := strpos(pos::text, '<') > 0;
  typed text := search_name(raw);
  found search_match[] := '{}';
  wanted integer := skip + lim;
BEGIN
  IF pos IS NOT NULL THEN
    found := ARRAY(SELECT t FROM search_file_tier(pos, keyed, phrase, excluded, typed, drives, shared, author, since, until, 1, wanted) t);
  END IF;
  IF cardinality(found) < wanted THEN
    found := found || ARRAY(SELECT t FROM search_file_tier(pos, keyed, phrase, excluded, typed, drives, shared, author, since, until, 2,
                                                           wanted - cardinality(found)) t);
  END IF;
  RETURN QUERY SELECT * FROM unnest(found[skip + 1:]);
  IF cardinality(found) < wanted AND pos IS NOT NULL THEN
    keyed := search_scoped_query(drives, pos);
    -- Short of a page, the names' tiers gave all their matches: the content tier leaves those out by id. (A
    -- variable: with a subquery among its arguments, the tier would no longer be inlined for its constant tier.)
    excluded := excluded || ARRAY(SELECT f.id FROM unnest(found) f);
    RETURN QUERY SELECT * FROM search_file_tier(pos, keyed, phrase, excluded, typed, drives, shared, author, since, until, 3, wanted - cardinality(found))
                 OFFSET greatest(skip - cardinality(found), 0);
  END IF;
END
$$;
