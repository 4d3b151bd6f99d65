-- Files matched through words keyed by their drive (issue 6; docs/search.md "Index").
--
-- A reader opens the drives of their groups, their own, and files shared with them: a few of the instance's
-- drives. The files' name and text indexes were keyed by instance, so a word gave every matching file of the
-- instance and each one was read to keep the reader's: for "budget" in the benchmark's largest instance, 280
-- names read to keep 2, then 1,626 texts read to keep 42 (3.2 ms). As for messages (0015) and group posts
-- (0018), a file's name words and text words are also index keys of its drive (a group, or the owner of a
-- personal drive), and a search looks up those of the reader's drives only. Files shared with the reader
-- are looked up by id. The exact words are then checked on the vectors (phrases, and the key is a hint only).
--
-- The instance indexes stay for the exclusions, looked up once per search (0014), and the name trigrams for
-- close spellings, which are looked up only when the names' words do not fill the page.
CREATE INDEX search_entries_file_words ON search_entries USING gin (search_scoped_words(scope, search)) WHERE kind = 'file';
CREATE INDEX search_entries_file_text_words ON search_entries USING gin (search_scoped_words(scope, text_search))
  WHERE kind = 'file' AND text_search IS NOT NULL;

-- As in 0017; tiers 1 and 3 through the drives' keys or the shared ids. The exact words are checked as a
-- function call, which no index answers, so that the planner does not read the instance's matches (0018);
-- on the text, only for a phrase (the keys of the reader's drives are otherwise exact: the text is read
-- from its TOAST table for that check alone). The caller computes once what the tiers share: `keyed`, the
-- query keyed by the reader's drives (0.3 to 0.6 ms for 43 drives), and `typed`, the name as searched,
-- search_name(raw), which a plan made once (0019) would otherwise compute again for every row.
DROP FUNCTION search_file_matches(tsquery, tsquery, text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer);
DROP FUNCTION search_file_tier(tsquery, uuid[], text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer);
CREATE FUNCTION search_file_tier(pos tsquery, keyed tsquery, excluded uuid[], typed text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, tier integer, lim integer)
RETURNS SETOF search_match
LANGUAGE sql STABLE AS $$
  SELECT 'file', e.id, e.created_at, coalesce(ts_rank_cd(e.search, pos), 0) + similarity(e.name, typed)
  FROM search_entries e
  WHERE e.kind = 'file' AND e.instance_id = app_instance_id()
    AND CASE tier WHEN 1 THEN (search_scoped_words(e.scope, e.search) @@ keyed OR e.id = ANY (shared))
                              AND ts_match_vq(e.search, pos)
                  WHEN 2 THEN e.name % typed AND NOT coalesce(e.search @@ pos, false)
                  ELSE e.text_search IS NOT NULL
                       AND (search_scoped_words(e.scope, e.text_search) @@ keyed OR e.id = ANY (shared))
                       AND (strpos(pos::text, '<') = 0 AND e.id <> ALL (shared) OR ts_match_vq(e.text_search, pos))
                       AND NOT coalesce(e.search @@ pos OR e.name % typed, false) END
    AND e.id <> ALL (excluded)
    AND (e.scope = ANY (drives) OR e.id = ANY (shared)) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
  ORDER BY 4 DESC, e.created_at DESC, e.id LIMIT lim
$$;
REVOKE EXECUTE ON FUNCTION search_file_tier(tsquery, tsquery, uuid[], text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer) FROM PUBLIC;

-- As in 0017, planned once (0019).
CREATE FUNCTION search_file_matches(pos tsquery, neg tsquery, raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, lim integer, skip integer)
RETURNS SETOF search_match
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  -- Exclusions through the indexes, once, rather than by reading the text of every match.
  excluded uuid[] := CASE WHEN neg IS NULL THEN '{}' ELSE ARRAY(
    SELECT x.id FROM search_entries x WHERE x.kind = 'file' AND x.instance_id = app_instance_id()
      AND (x.search @@ neg OR x.text_search @@ neg)) END;
  keyed tsquery := search_scoped_query(drives, pos);
  typed text := search_name(raw);
  found search_match[] := '{}';
  wanted integer := skip + lim;
BEGIN
  IF pos IS NOT NULL THEN
    found := ARRAY(SELECT t FROM search_file_tier(pos, keyed, excluded, typed, drives, shared, author, since, until, 1, wanted) t);
  END IF;
  IF cardinality(found) < wanted THEN
    found := found || ARRAY(SELECT t FROM search_file_tier(pos, keyed, excluded, typed, drives, shared, author, since, until, 2,
                                                           wanted - cardinality(found)) t);
  END IF;
  RETURN QUERY SELECT * FROM unnest(found[skip + 1:]);
  IF cardinality(found) < wanted AND pos IS NOT NULL THEN
    RETURN QUERY SELECT * FROM search_file_tier(pos, keyed, excluded, typed, drives, shared, author, since, until, 3, wanted - cardinality(found))
                 OFFSET greatest(skip - cardinality(found), 0);
  END IF;
END
$$;
