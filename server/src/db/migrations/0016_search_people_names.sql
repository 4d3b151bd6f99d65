-- People are matched by a stored form of their name (issue 6; docs/search.md "Index").
--
-- The trigram index on users.display_name was an expression index, search_name(display_name). A trigram
-- lookup is approximate: the index gives every name sharing enough trigrams with the words typed, and each
-- one is checked again by computing the expression, unaccent included (166 names checked to keep none for
-- "facture" in the benchmark), in the people statement of every all-kinds search. The name as searched is
-- now a stored column, computed when the name is written, and the check compares text only: the people
-- statement went from 1.9 to 1.5 ms in a lab copy of the benchmark's database (most of what is left is
-- planning it for each search, which its generic plan would not do better: it reads every member's name).
ALTER TABLE users ADD COLUMN search_name text GENERATED ALWAYS AS (search_name(display_name)) STORED;
CREATE INDEX users_search_name ON users USING gin (search_name gin_trgm_ops);
DROP INDEX users_name_trgm;
