-- Recent posts looked up by their two periods, the search functions planned once, and relevance ranked by
-- ts_rank (issue 6; docs/search.md "Speed" and "Ranking").
--
-- Relevance: ts_rank_cd (cover density: how close together the words are) was about a third of a posts
-- search for a word being typed, whose query names every word that begins with it (3.1 against 1.9 ms in
-- the benchmark's largest instance; messages 1.4 against 0.9). ts_rank (how often, and how weighted, the
-- words are) costs little more than no ranking. Proximity told little that the query does not already
-- demand: a phrase matches only in that order, and every other word must be there.
--
-- The recent tier asked the posts index for `search_period(created_at) >= current - 1`: a range over a
-- GIN key is a partial match, which gathers every entry of those periods, in every instance, into a bitmap
-- before the words narrow it (0.7 ms for a word found nowhere, in the benchmark's largest instance). Two
-- equalities, the current period or the one before, are two plain lookups the word drives (0.1 ms).
--
-- search_period computed extract(epoch FROM timestamptz), which PostgreSQL marks STABLE; so it did not
-- inline the IMMUTABLE function and called it as a function for every row it rechecked (2 ms more for a
-- common word once the condition is an OR). The epoch of the instant read as UTC wall time is the same
-- number, immutably: the values do not change (checked on the benchmark's 1.35M entries), so the index
-- built on them stays valid, and the planner now inlines the function.
CREATE OR REPLACE FUNCTION search_period(at timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor(extract(epoch FROM at AT TIME ZONE 'UTC') / 2592000)::integer
$$;

-- As in 0018, the recent tier by two equalities. A post dated in a period after the current one (a clock
-- set back) is in neither tier of a search of every group until its period comes.
CREATE OR REPLACE FUNCTION search_post_tier(pos tsquery, neg tsquery, groups uuid[], profiles boolean, reader uuid, author uuid,
  since timestamptz, until timestamptz, attached boolean, recent boolean, by_group boolean, lim integer)
RETURNS SETOF search_match
LANGUAGE sql STABLE AS $$
  SELECT e.kind, e.id, e.created_at, ts_rank(e.search, pos) / (1 + extract(epoch FROM now() - e.created_at) / 2592000)
  FROM search_entries e
  WHERE e.kind IN ('post', 'comment') AND e.instance_id = app_instance_id()
    -- By group, the groups' keys find the posts: the recent tier is then a plain comparison, which no index
    -- answers (as an index condition, the period would read every recent post of the instance).
    AND CASE WHEN recent AND by_group THEN e.created_at >= search_recent_from()
             WHEN recent THEN (search_period(e.created_at) = search_period(now()) OR search_period(e.created_at) = search_period(now()) - 1)
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

-- The statements inside the search functions were planned again at every call: their words and scopes
-- are parameters, and PostgreSQL keeps planning for each new value while the plan it would reuse looks
-- costlier on paper; and an SQL function (messages) is planned at every call whatever the setting. Their
-- plans do not depend on the values (the indexes and the shape are fixed by the constant tier and mode each
-- statement names), so they are planned once per connection: 0.5 ms less for a posts search that finds
-- nothing, 0.3 to 0.4 ms less for messages, 0.3 ms less for files (0020 redefines that function with the
-- setting; pgbench on a copy of the benchmark's database). The application's search statements are planned
-- once too (modules/search/reads.ts).
ALTER FUNCTION search_post_matches(tsquery, tsquery, uuid[], boolean, uuid, uuid, timestamptz, timestamptz, boolean, integer, integer)
  SET plan_cache_mode = force_generic_plan;

-- As in 0015, in PL/pgSQL, whose statements keep their plans.
CREATE OR REPLACE FUNCTION search_message_matches(pos tsquery, neg tsquery, conversations uuid[], author uuid,
  since timestamptz, until timestamptz, attached boolean, lim integer, skip integer)
RETURNS TABLE (id uuid, created_at timestamptz, score double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  SELECT e.id, e.created_at, ts_rank(e.search, pos) / (1 + extract(epoch FROM now() - e.created_at) / 2592000) AS score
  FROM search_entries e
  WHERE e.kind = 'message' AND e.instance_id = app_instance_id()
    AND search_scoped_words(e.scope, e.search) @@ search_scoped_query(conversations, pos)
    AND e.scope = ANY (conversations) AND e.search @@ pos AND (neg IS NULL OR NOT e.search @@ neg)
    AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
    AND (attached IS NULL OR attached = EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = e.id))
  ORDER BY 3 DESC, 2 DESC, 1 LIMIT lim OFFSET skip;
END
$$;
