-- People are matched by a stored form of their name (issue 6; docs/search.md "Speed").
--
-- The trigram index on users.display_name is an expression index, search_name(display_name). A trigram
-- lookup is approximate: the index gives every name sharing enough trigrams with the words typed, and each
-- one is checked again by computing the expression, unaccent included (166 names checked to keep none for
-- "facture" in the benchmark, 14 µs each: 2.3 ms, in every search of every kind). The name as searched is
-- now a stored column, computed once when the name is written, and the check compares text only.
ALTER TABLE users ADD COLUMN search_name text GENERATED ALWAYS AS (search_name(display_name)) STORED;
CREATE INDEX users_search_name ON users USING gin (search_name gin_trgm_ops);
DROP INDEX users_name_trgm;
