-- Files: a file's entry keeps its name as searched, and files come in three tiers: the name's words, then
-- a close spelling of the name, then the content (issue 6; docs/search.md "Index" and "Ranking").
--
-- Files are matched by a close spelling of their name: a trigram lookup, which is approximate, so every
-- candidate the index gives is checked again, and matches only in the content are checked for not matching
-- by name. Both computed search_name(e.name), unaccent included, row by row: 454 candidates for one common
-- word in the benchmark's largest instance, and all 956 content matches of "livraison client". The entry's
-- `name` is now the name as searched, written once with the entry; the checks compare text only. The file's
-- name as shown is read from drive_items, as before.
--
-- The trigram lookup is still the dearest part of a file search: about 2 ms for a common word in the
-- benchmark's largest instance, as the trigrams' postings hold every instance's file names. It was read for
-- every search, with the names' words, to rank both together. Now the names holding the words come first (a
-- word is what one usually types), and close spellings are looked up only when those do not fill the page:
-- a typo still finds its file, after the files named by the right word.

CREATE OR REPLACE FUNCTION search_index_file(item uuid) RETURNS void
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
  VALUES (i.instance_id, 'file', i.id, coalesce(i.group_id, i.owner_id), i.created_by, i.updated_at, search_name(i.name), name_vector, text_vector)
  ON CONFLICT (kind, id) DO UPDATE SET scope = EXCLUDED.scope, author_id = EXCLUDED.author_id, created_at = EXCLUDED.created_at,
    name = EXCLUDED.name, search = EXCLUDED.search, text_search = EXCLUDED.text_search;
  PERFORM search_remember_words(i.instance_id, name_vector || coalesce(text_vector, ''));
END $$;

UPDATE search_entries SET name = search_name(name) WHERE kind = 'file';
CREATE INDEX search_entries_file_names_searched ON search_entries USING gin (instance_id, name gin_trgm_ops) WHERE kind = 'file';
DROP INDEX search_entries_file_names;

-- One tier of the matching files, best first: 1, names with the words; 2, names spelled closely, without the
-- words; 3, files matched by their extracted text alone. Called with a constant tier, as 0014's.
DROP FUNCTION search_file_matches(tsquery, tsquery, text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer);
DROP FUNCTION search_file_tier(tsquery, uuid[], text, uuid[], uuid[], uuid, timestamptz, timestamptz, boolean, integer);
CREATE FUNCTION search_file_tier(pos tsquery, excluded uuid[], raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, tier integer, lim integer)
RETURNS SETOF search_match
LANGUAGE sql STABLE AS $$
  SELECT 'file', e.id, e.created_at, coalesce(ts_rank_cd(e.search, pos), 0) + similarity(e.name, search_name(raw))
  FROM search_entries e
  WHERE e.kind = 'file' AND e.instance_id = app_instance_id()
    AND CASE tier WHEN 1 THEN e.search @@ pos
                  WHEN 2 THEN e.name % search_name(raw) AND NOT coalesce(e.search @@ pos, false)
                  ELSE e.text_search @@ pos AND NOT coalesce(e.search @@ pos OR e.name % search_name(raw), false) END
    AND e.id <> ALL (excluded)
    AND (e.scope = ANY (drives) OR e.id = ANY (shared)) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
  ORDER BY 4 DESC, e.created_at DESC, e.id LIMIT lim
$$;
REVOKE EXECUTE ON FUNCTION search_file_tier(tsquery, uuid[], text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer) FROM PUBLIC;

-- A page of files, running on from one tier into the next; a tier is read only when those before it cannot
-- fill the page.
CREATE FUNCTION search_file_matches(pos tsquery, neg tsquery, raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, lim integer, skip integer)
RETURNS SETOF search_match
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
DECLARE
  -- Exclusions through the indexes, once, rather than by reading the text of every match.
  excluded uuid[] := CASE WHEN neg IS NULL THEN '{}' ELSE ARRAY(
    SELECT x.id FROM search_entries x WHERE x.kind = 'file' AND x.instance_id = app_instance_id()
      AND (x.search @@ neg OR x.text_search @@ neg)) END;
  found search_match[] := '{}';
  wanted integer := skip + lim;
BEGIN
  IF pos IS NOT NULL THEN
    found := ARRAY(SELECT t FROM search_file_tier(pos, excluded, raw, drives, shared, author, since, until, 1, wanted) t);
  END IF;
  IF cardinality(found) < wanted THEN
    found := found || ARRAY(SELECT t FROM search_file_tier(pos, excluded, raw, drives, shared, author, since, until, 2,
                                                           wanted - cardinality(found)) t);
  END IF;
  RETURN QUERY SELECT * FROM unnest(found[skip + 1:]);
  IF cardinality(found) < wanted AND pos IS NOT NULL THEN
    RETURN QUERY SELECT * FROM search_file_tier(pos, excluded, raw, drives, shared, author, since, until, 3, wanted - cardinality(found))
                 OFFSET greatest(skip - cardinality(found), 0);
  END IF;
END
$$;
