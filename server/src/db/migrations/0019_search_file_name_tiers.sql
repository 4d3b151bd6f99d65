-- Files: a name with the words typed, then a name spelled closely, then the content (issue 6; docs/search.md
-- "Ranking").
--
-- A close spelling is a trigram lookup, the dearest part of a file search: about 2 ms for a common word in the
-- benchmark's largest instance, as the trigrams' postings hold every instance's file names and each candidate
-- is checked again. It was read for every search, with the names' words, to rank both together. Now the names
-- holding the words come first (a word is what one usually types), and close spellings are looked up only when
-- those do not fill the page: a typo still finds its file, after the files named by the right word.

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
