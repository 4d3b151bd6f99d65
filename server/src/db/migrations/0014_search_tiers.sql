-- Search reads the newest matches first (issue 6; docs/search.md "Ranking").
--
-- A common word matches thousands of posts in a large instance. Ranking all of them meant reading every
-- match's row (3,697 heap pages for "réunion" in the bench's largest instance, 57 ms) to show 5. Results
-- now come in two tiers of age: the current 30-day period and the one before, then everything older;
-- within a tier by relevance damped by age, as before. The posts index carries the period, so the recent
-- tier reads only its own matches (326 rows, 3 ms), and the older one is read only when a page needs it.
--
-- Files: a name match comes before a content-only match (as 0013 ranked them); reading the two apart
-- means a page of name matches never touches the files' (TOASTed) text vectors.

-- The 30-day period since the epoch a moment falls in. The epoch of a timestamptz does not depend on the
-- time zone, so this is immutable and can key an index.
CREATE FUNCTION search_period(at timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor(extract(epoch FROM at) / 2592000)::integer
$$;

-- Where the recent tier begins: the start of the previous 30-day period (30 to 60 days ago).
CREATE FUNCTION search_recent_from() RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT to_timestamp((search_period(now()) - 1) * 2592000.0)
$$;

-- The period is a key of the posts index: a tier of recent posts is an index condition on it. The older
-- tier does not name it (a range over many periods would gather every post of them, of every instance).
CREATE INDEX search_entries_posts_by_period ON search_entries
  USING gin (instance_id, search_period(created_at), search) WHERE kind IN ('post', 'comment');
DROP INDEX search_entries_posts;

CREATE TYPE search_match AS (kind text, id uuid, created_at timestamptz, score double precision);

-- One tier of the matching posts and comments, best first: `recent`, the current 30-day period and the one
-- before; otherwise everything older. Of the given groups, and on profiles (scope NULL) when `profiles`;
-- otherwise only on the reader's own profile (a guest's). Not SECURITY DEFINER and not callable by the
-- application: search_post_matches calls it with `recent` a constant, so that the planner inlines it and
-- keeps only that tier's conditions, in a plan cached for the session.
CREATE FUNCTION search_post_tier(pos tsquery, neg tsquery, groups uuid[], profiles boolean, reader uuid, author uuid,
  since timestamptz, until timestamptz, attached boolean, recent boolean, lim integer)
RETURNS SETOF search_match
LANGUAGE sql STABLE AS $$
  SELECT e.kind, e.id, e.created_at, ts_rank_cd(e.search, pos) / (1 + extract(epoch FROM now() - e.created_at) / 2592000)
  FROM search_entries e
  WHERE e.kind IN ('post', 'comment') AND e.instance_id = app_instance_id()
    AND CASE WHEN recent THEN search_period(e.created_at) >= search_period(now()) - 1
             ELSE e.created_at < search_recent_from() END
    AND e.search @@ pos AND (neg IS NULL OR NOT e.search @@ neg)
    AND (e.scope = ANY (groups) OR (e.scope IS NULL AND (profiles OR reader = CASE e.kind WHEN 'post' THEN e.author_id
           ELSE (SELECT p.author_id FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = e.id) END)))
    AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
    AND (attached IS NULL OR attached = CASE e.kind
           WHEN 'post' THEN EXISTS (SELECT 1 FROM attachments a WHERE a.post_id = e.id)
           ELSE EXISTS (SELECT 1 FROM attachments a WHERE a.comment_id = e.id) END)
  ORDER BY 4 DESC, e.created_at DESC, e.id LIMIT lim
$$;
REVOKE EXECUTE ON FUNCTION search_post_tier(tsquery, tsquery, uuid[], boolean, uuid, uuid, timestamptz, timestamptz, boolean, boolean, integer) FROM PUBLIC;

-- A page of posts and comments: the recent tier's matches first, then the older ones; the older tier is read
-- only when the recent one cannot fill the page.
DROP FUNCTION search_post_matches(tsquery, tsquery, uuid[], boolean, uuid, uuid, timestamptz, timestamptz, boolean, integer, integer);
CREATE FUNCTION search_post_matches(pos tsquery, neg tsquery, groups uuid[], profiles boolean, reader uuid, author uuid,
  since timestamptz, until timestamptz, attached boolean, lim integer, skip integer)
RETURNS SETOF search_match
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
DECLARE
  recent search_match[] := ARRAY(SELECT t FROM search_post_tier(pos, neg, groups, profiles, reader, author, since, until, attached,
                                                                 true, skip + lim) t);
  counted integer := cardinality(recent);
BEGIN
  RETURN QUERY SELECT * FROM unnest(recent[skip + 1:]);
  -- Not when the dates asked for lie within the recent tier ("the last 30 days"): the older one would read
  -- all its matches to keep none.
  IF counted < skip + lim AND (since IS NULL OR since < search_recent_from()) THEN
    RETURN QUERY SELECT * FROM search_post_tier(pos, neg, groups, profiles, reader, author, since, until, attached,
                                                false, skip + lim - counted) OFFSET greatest(skip - counted, 0);
  END IF;
END
$$;

-- One tier of the matching files, best first: those whose name matches (by its words or a close spelling),
-- or, `by_content`, those matched by their extracted text alone. Called as search_post_tier is.
CREATE FUNCTION search_file_tier(pos tsquery, excluded uuid[], raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, by_content boolean, lim integer)
RETURNS SETOF search_match
LANGUAGE sql STABLE AS $$
  SELECT 'file', e.id, e.created_at, coalesce(ts_rank_cd(e.search, pos), 0) + similarity(search_name(e.name), search_name(raw))
  FROM search_entries e
  WHERE e.kind = 'file' AND e.instance_id = app_instance_id()
    AND CASE WHEN by_content THEN e.text_search @@ pos AND NOT coalesce(e.search @@ pos OR search_name(e.name) % search_name(raw), false)
             ELSE e.search @@ pos OR search_name(e.name) % search_name(raw) END
    AND e.id <> ALL (excluded)
    AND (e.scope = ANY (drives) OR e.id = ANY (shared)) AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
  ORDER BY 4 DESC, e.created_at DESC, e.id LIMIT lim
$$;
REVOKE EXECUTE ON FUNCTION search_file_tier(tsquery, uuid[], text, uuid[], uuid[], uuid, timestamptz, timestamptz, boolean, integer) FROM PUBLIC;

-- A page of files: name matches first, then content-only ones, so that a page of name matches never reads
-- the files' (TOASTed) text vectors.
DROP FUNCTION search_file_matches(tsquery, tsquery, text, uuid[], uuid[], uuid, timestamptz, timestamptz, integer, integer);
CREATE FUNCTION search_file_matches(pos tsquery, neg tsquery, raw text, drives uuid[], shared uuid[], author uuid,
  since timestamptz, until timestamptz, lim integer, skip integer)
RETURNS SETOF search_match
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
DECLARE
  -- Exclusions through the indexes, once, rather than by reading the text of every match.
  excluded uuid[] := CASE WHEN neg IS NULL THEN '{}' ELSE ARRAY(
    SELECT x.id FROM search_entries x WHERE x.kind = 'file' AND x.instance_id = app_instance_id()
      AND (x.search @@ neg OR x.text_search @@ neg)) END;
  named search_match[] := ARRAY(SELECT t FROM search_file_tier(pos, excluded, raw, drives, shared, author, since, until, false, skip + lim) t);
  counted integer := cardinality(named);
BEGIN
  RETURN QUERY SELECT * FROM unnest(named[skip + 1:]);
  IF counted < skip + lim AND pos IS NOT NULL THEN
    RETURN QUERY SELECT * FROM search_file_tier(pos, excluded, raw, drives, shared, author, since, until, true, skip + lim - counted)
                 OFFSET greatest(skip - counted, 0);
  END IF;
END
$$;
