-- Files matched by their text through words keyed by their drive (issue 6; docs/search.md "Index").
--
-- A reader opens the drives of their groups, their own, and files shared with them: a few of the instance's
-- drives. The files' text index is keyed by instance, so a word gave every file of the instance holding it
-- in its text, and each one was read to keep the reader's: for "budget" in the benchmark's largest
-- instance, 1,626 texts read to keep 42 (4.4 ms). As for messages (0015) and group posts (0018), a file's
-- text words are also index keys of its drive (a group, or the owner of a personal drive), and a search
-- looks up those of the reader's drives only (43 rows, 0.4 ms). Files shared with the reader are looked up
-- by id. The exact words are checked on the text for a phrase only: the keys are otherwise exact, once the
-- drive is checked (two drives may share 8 digits: the key is a hint, never a permission).
--
-- Names stay keyed by instance. A reader of 43 drives typing "réun" (9 words) means 387 keys to look up
-- (1,291 buffers, 1.6 ms), against the instance's few names holding those words; and a name is short, so
-- reading the instance's matches costs little. The instance text index stays for the exclusions, looked up
-- once per search (0014).
CREATE INDEX search_entries_file_text_words ON search_entries USING gin (search_scoped_words(scope, text_search))
  WHERE kind = 'file' AND text_search IS NOT NULL;

-- As in 0017, with relevance by ts_rank (0019), and the content tier through the drives' keys or the shared
-- ids. Its exact words are checked as a function call, which no index answers, so that the planner does not
-- read the instance's matches (0018), and only for a phrase or a shared file: the text is read from its
-- TOAST table for that check alone. The caller computes once `keyed` (the query keyed by the reader's
-- drives), `phrase` (whether the query has one) and `typed` (the name as searched, search_name(raw)): a plan
-- made once (0019) would compute them for every row. Content-only matches come newest first: their score was the name's likeness to the words,
-- which the name does not hold (0017), computed for each of them (152 for "livraison client") to order
-- them by little more than chance.
DROP FUNCTION search_file_matches(tsquery, tsquery, text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer);
DROP FUNCTION search_file_tier(tsquery, uuid[], text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer);
CREATE FUNCTION search_file_tier(pos tsquery, keyed tsquery, phrase boolean, excluded uuid[], typed text, drives uuid[], shared uuid[], author uuid,
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
                       AND (NOT phrase AND e.id <> ALL (shared) OR ts_match_vq(e.text_search, pos))
                       AND NOT coalesce(e.search @@ pos OR e.name % typed, false) END
    AND e.id <> ALL (excluded)
    AND (e.scope = ANY (drives) OR e.id = ANY (shared)) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
  ORDER BY 4 DESC, e.created_at DESC, e.id LIMIT lim
$$;
REVOKE EXECUTE ON FUNCTION search_file_tier(tsquery, tsquery, boolean, uuid[], text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer) FROM PUBLIC;

-- As in 0017, planned once (as 0019 does for posts and messages).
CREATE FUNCTION search_file_matches(pos tsquery, neg tsquery, raw text, drives uuid[], shared uuid[], author uuid,
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
    RETURN QUERY SELECT * FROM search_file_tier(pos, keyed, phrase, excluded, typed, drives, shared, author, since, until, 3, wanted - cardinality(found))
                 OFFSET greatest(skip - cardinality(found), 0);
  END IF;
END
$$;
