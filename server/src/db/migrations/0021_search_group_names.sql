-- Groups are matched by a stored form of their name, as people are since 0016 (issue 6; docs/search.md
-- "Index").
--
-- Under RLS the trigram operator cannot be an index condition (it is not leakproof, decision 0008), so the
-- groups statement compares the name typed with every group the instance has: it computed
-- search_name(name), unaccent included, for each of them, in every all-kinds search (75 groups in the
-- benchmark's largest instance, 0.38 ms). The name as searched is now a stored column, written with the name.
-- The trigram index on the name (0011) is dropped: for that same reason the application never used it, and
-- every write of a group's name paid for it.
ALTER TABLE groups ADD COLUMN search_name text GENERATED ALWAYS AS (search_name(name)) STORED;
DROP INDEX groups_name_trgm;
