-- Posts of given groups (a group filter) are matched through words keyed by their group (issue 6;
-- docs/search.md "Index").
--
-- "In a group" was the slowest shape of the benchmark: the recent tier rarely fills a page from one group,
-- and the older tier then read every match of the instance through the period index (1,614 rows for
-- "facture" in the benchmark's largest instance) to keep the group's 46. As for messages (0015), the words
-- of each post and comment of a group are also index keys of that group; a search of given groups, without
-- profiles, looks those keys up and reads only its groups' matches (50 rows, 57 buffers; 8.8 ms to 4.2 ms
-- per search in a lab copy of the benchmark's database). The index takes 83 to 115 MiB for 319k posts and comments.
-- Profile posts have no group: they stay in the period index only, as does a search of every group.
CREATE INDEX search_entries_post_words ON search_entries USING gin (search_scoped_words(scope, search))
  WHERE kind IN ('post', 'comment') AND scope IS NOT NULL;

-- As in 0014, and `by_group`: only posts of `groups` (no profiles), through their groups' words.
DROP FUNCTION search_post_matches(tsquery, tsquery, uuid[], boolean, uuid, uuid, timestamptz, timestamptz, boolean, integer, integer);
DROP FUNCTION search_post_tier(tsquery, tsquery, uuid[], boolean, uuid, uuid, timestamptz, timestamptz, boolean, boolean, integer);
CREATE FUNCTION search_post_tier(pos tsquery, neg tsquery, groups uuid[], profiles boolean, reader uuid, author uuid,
  since timestamptz, until timestamptz, attached boolean, recent boolean, by_group boolean, lim integer)
RETURNS SETOF search_match
LANGUAGE sql STABLE AS $$
  SELECT e.kind, e.id, e.created_at, ts_rank_cd(e.search, pos) / (1 + extract(epoch FROM now() - e.created_at) / 2592000)
  FROM search_entries e
  WHERE e.kind IN ('post', 'comment') AND e.instance_id = app_instance_id()
    AND CASE WHEN recent THEN search_period(e.created_at) >= search_period(now()) - 1
             ELSE e.created_at < search_recent_from() END
    -- By group, the exact words are checked as a function call, which no index answers: the planner then reads
    -- the groups' keys rather than the instance's matches through the period index.
    AND CASE WHEN by_group THEN e.scope IS NOT NULL AND search_scoped_words(e.scope, e.search) @@ search_scoped_query(groups, pos)
                                AND ts_match_vq(e.search, pos)
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
REVOKE EXECUTE ON FUNCTION search_post_tier(tsquery, tsquery, uuid[], boolean, uuid, uuid, timestamptz, timestamptz, boolean, boolean, boolean, integer) FROM PUBLIC;

CREATE FUNCTION search_post_matches(pos tsquery, neg tsquery, groups uuid[], profiles boolean, reader uuid, author uuid,
  since timestamptz, until timestamptz, attached boolean, lim integer, skip integer)
RETURNS SETOF search_match
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
DECLARE
  -- Only groups' posts (a group filter): looked up by their groups' words. Each call names its tier and its
  -- way as constants, so that the planner inlines the tier with only those conditions (0014).
  by_group boolean := NOT profiles AND reader IS NULL;
  recent search_match[];
  counted integer;
BEGIN
  IF by_group THEN
    recent := ARRAY(SELECT t FROM search_post_tier(pos, neg, groups, profiles, reader, author, since, until, attached, true, true, skip + lim) t);
  ELSE
    recent := ARRAY(SELECT t FROM search_post_tier(pos, neg, groups, profiles, reader, author, since, until, attached, true, false, skip + lim) t);
  END IF;
  counted := cardinality(recent);
  RETURN QUERY SELECT * FROM unnest(recent[skip + 1:]);
  -- Not when the dates asked for lie within the recent tier ("the last 30 days"): the older one would read
  -- all its matches to keep none.
  IF counted < skip + lim AND (since IS NULL OR since < search_recent_from()) THEN
    IF by_group THEN
      RETURN QUERY SELECT * FROM search_post_tier(pos, neg, groups, profiles, reader, author, since, until, attached,
                                                  false, true, skip + lim - counted) OFFSET greatest(skip - counted, 0);
    ELSE
      RETURN QUERY SELECT * FROM search_post_tier(pos, neg, groups, profiles, reader, author, since, until, attached,
                                                  false, false, skip + lim - counted) OFFSET greatest(skip - counted, 0);
    END IF;
  END IF;
END
$$;
