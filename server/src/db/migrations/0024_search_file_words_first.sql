-- Files (issue 6; docs/search.md "Index" and "Ranking"): the words first. Every word of a name is a word of
-- the name; a close spelling of the name comes after the contents; exclusions are looked up by the reader's
-- drives' keys and kept in a hash.
--
-- PostgreSQL's parser reads "capucine.txt" or "2026.pdf" as one token (a host name, a file name), so a file
-- named after one word was not found by that word: only the trigram tier (names spelled closely) found it.
-- A name is now also indexed with its dots and underscores read as spaces ('capucine', 'txt'), beside its
-- own tokens ('capucine.txt', still found as typed).
CREATE OR REPLACE FUNCTION search_index_file(item uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  i drive_items%ROWTYPE;
  spread text;
  name_vector tsvector;
  text_vector tsvector;
BEGIN
  SELECT * INTO i FROM drive_items WHERE id = item;
  IF NOT FOUND OR i.kind <> 'file' OR i.trashed_at IS NOT NULL THEN
    DELETE FROM search_entries WHERE kind = 'file' AND id = item;
    RETURN;
  END IF;
  spread := translate(i.name, '._', '  ');
  name_vector := to_tsvector('ruche_fr', i.name) || to_tsvector('ruche_en', i.name) || to_tsvector('ruche_simple', i.name)
    || to_tsvector('ruche_fr', spread) || to_tsvector('ruche_en', spread) || to_tsvector('ruche_simple', spread);
  text_vector := (SELECT t.search FROM drive_versions v JOIN blob_texts t ON t.instance_id = v.instance_id AND t.sha256 = v.sha256
                  WHERE v.id = i.current_version_id);
  INSERT INTO search_entries (instance_id, kind, id, scope, author_id, created_at, name, search, text_search)
  VALUES (i.instance_id, 'file', i.id, coalesce(i.group_id, i.owner_id), i.created_by, i.updated_at, search_name(i.name), name_vector, text_vector)
  ON CONFLICT (kind, id) DO UPDATE SET scope = EXCLUDED.scope, author_id = EXCLUDED.author_id, created_at = EXCLUDED.created_at,
    name = EXCLUDED.name, search = EXCLUDED.search, text_search = EXCLUDED.text_search;
  PERFORM search_remember_words(i.instance_id, name_vector || coalesce(text_vector, ''));
END $$;

SELECT search_index_file(id) FROM drive_items WHERE kind = 'file' AND trashed_at IS NULL;

-- The texts keyed by instance served exclusions only.
DROP INDEX search_entries_file_texts;

-- Files left out of a tier (excluded, or found by a tier before) are looked up in a hash: an exclusion of a
-- common word leaves out a thousand files in the benchmark's largest instance, and each match was compared
-- with each of them.
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
    -- Not `<> ALL (excluded)`: compared with each of a thousand ids excluded, for each match (a hashed subplan).
    AND e.id NOT IN (SELECT unnest(excluded))
    AND (e.scope = ANY (drives) OR e.id = ANY (shared)) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
  ORDER BY 4 DESC, e.created_at DESC, e.id LIMIT lim
$$;

-- A close spelling of the name is a fallback for a typo, looked for only when the words themselves, in
-- names and then in contents, found less than a page. It came second, before the contents: a common word,
-- found in a few names and many contents, paid on every search for the trigram lookup, which reads every
-- instance's names sharing the words' trigrams (a trigram index cannot be keyed by instance), to rank names
-- merely spelled like the words above files that hold them.
CREATE OR REPLACE FUNCTION search_file_matches(pos tsquery, neg tsquery, raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, lim integer, skip integer)
RETURNS SETOF search_match
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  -- Exclusions through the indexes, once, rather than by reading the text of every match: names by the
  -- instance's keys, texts by the reader's drives' keys (those of the whole instance decoded every drive's
  -- files holding the word: 2.3 ms, against 1.1, for a common word in the benchmark's largest instance),
  -- files shared with the reader by id. A keyed match loosens a phrase to its words: checked on the text.
  -- (Three scans: in one, with ORs, the keyed words were computed again from each row's text.)
  excluded uuid[] := CASE WHEN neg IS NULL THEN '{}' ELSE ARRAY(
    SELECT x.id FROM search_entries x WHERE x.kind = 'file' AND x.instance_id = app_instance_id() AND x.search @@ neg
    UNION ALL
    SELECT x.id FROM search_entries x
    WHERE x.kind = 'file' AND x.text_search IS NOT NULL AND search_scoped_words(x.scope, x.text_search) @@ search_scoped_query(drives, neg)
      AND x.instance_id = app_instance_id() AND (strpos(neg::text, '<') = 0 OR ts_match_vq(x.text_search, neg))
    UNION ALL
    SELECT x.id FROM unnest(shared) s(id) JOIN search_entries x ON x.kind = 'file' AND x.id = s.id
    WHERE x.instance_id = app_instance_id() AND x.text_search @@ neg) END;
  keyed tsquery;
  phrase boolean := strpos(pos::text, '<') > 0;
  typed text := search_name(raw);
  found search_match[] := '{}';
  wanted integer := skip + lim;
  -- What a tier found is left out of the next (a variable: with a subquery among its arguments, the tier
  -- would no longer be inlined for its constant tier).
  seen uuid[];
BEGIN
  IF pos IS NOT NULL THEN
    found := ARRAY(SELECT t FROM search_file_tier(pos, keyed, phrase, excluded, typed, drives, shared, author, since, until, 1, wanted) t);
    IF cardinality(found) < wanted THEN
      keyed := search_scoped_query(drives, pos);
      seen := excluded || ARRAY(SELECT f.id FROM unnest(found) f);
      found := found || ARRAY(SELECT t FROM search_file_tier(pos, keyed, phrase, seen, typed, drives, shared, author, since, until, 3,
                                                             wanted - cardinality(found)) t);
    END IF;
  END IF;
  IF cardinality(found) < wanted THEN
    seen := excluded || ARRAY(SELECT f.id FROM unnest(found) f);
    found := found || ARRAY(SELECT t FROM search_file_tier(pos, keyed, phrase, seen, typed, drives, shared, author, since, until, 2,
                                                           wanted - cardinality(found)) t);
  END IF;
  RETURN QUERY SELECT * FROM unnest(found[skip + 1:]);
END
$$;
