-- Messages are matched through words keyed by their conversation (issue 6; docs/search.md "Speed").
--
-- The messages index was GIN (scope, search). GIN keeps each column's keys apart: a word's postings hold
-- every message of every instance with that word, and a reader's search scanned them once per conversation
-- of theirs, decoding the word's posting pages each time (425 buffers, 1.7 ms for "budget" in 15
-- conversations in the benchmark; 2,000 buffers, 16 ms for a phrase).
--
-- Now each word of a message is also indexed as its conversation's word: the last 8 hex digits of the
-- conversation's id before the lexeme ('d50546b1budget'). A search asks one scan for the reader's
-- conversations' words at once ('d50546b1budget' | '70bed152budget' | …), and each of those keys holds only
-- the messages of one conversation: 46 buffers, 0.2 ms for the same search. The keyed words are computed
-- for the index only (no column: the vector keeps its positions for ranking and phrases, the keys do not).
-- The key is a hint, not a permission: two conversations may share 8 digits, so the statement still keeps
-- only the reader's conversations, and the exact words (phrases, exclusions) are checked on the vector.

-- The words of a message as its conversation's words, without positions (index keys only).
CREATE FUNCTION search_scoped_words(scope uuid, words tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY(SELECT right(scope::text, 8) || w FROM unnest(tsvector_to_array(words)) w))
$$;

-- What to look up for `query` in any of `scopes`: the query once per conversation, its words keyed as
-- search_scoped_words keys them, its phrases loosened to "all these words" (the keys have no positions;
-- the statement checks the phrase on the vector). NULL for no conversation.
CREATE FUNCTION search_scoped_query(scopes uuid[], query tsquery) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg('(' || regexp_replace(regexp_replace(query::text, '<(-|\d+)>', '&', 'g'),
                                          '''((?:[^'']|'''')*)''', '''' || right(s::text, 8) || '\1''', 'g') || ')', ' | ')::tsquery
  FROM unnest(scopes) s
$$;

CREATE INDEX search_entries_message_words ON search_entries USING gin (search_scoped_words(scope, search)) WHERE kind = 'message';
DROP INDEX search_entries_messages;

-- As in 0013, matched through the conversations' words first.
CREATE OR REPLACE FUNCTION search_message_matches(pos tsquery, neg tsquery, conversations uuid[], author uuid,
  since timestamptz, until timestamptz, attached boolean, lim integer, skip integer)
RETURNS TABLE (id uuid, created_at timestamptz, score double precision)
LANGUAGE sql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
  SELECT e.id, e.created_at, ts_rank_cd(e.search, pos) / (1 + extract(epoch FROM now() - e.created_at) / 2592000) AS score
  FROM search_entries e
  WHERE e.kind = 'message' AND e.instance_id = app_instance_id()
    AND search_scoped_words(e.scope, e.search) @@ search_scoped_query(conversations, pos)
    AND e.scope = ANY (conversations) AND e.search @@ pos AND (neg IS NULL OR NOT e.search @@ neg)
    AND (author IS NULL OR e.author_id = author)
    AND (since IS NULL OR e.created_at >= since) AND (until IS NULL OR e.created_at < until)
    AND (attached IS NULL OR attached = EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = e.id))
  ORDER BY score DESC, e.created_at DESC, e.id LIMIT lim OFFSET skip
$$;
