-- Groups are matched by a stored form of their name, as people are since 0016 (issue 6; docs/search.md
-- "Index").
--
-- Under RLS the trigram operator cannot be an index condition (it is not leakproof, decision 0008), so the
-- groups statement compares the name typed with every group the instance has: it computed
-- search_name(name), unaccent included, for each of them, in every all-kinds search (75 groups in the
-- benchmark's largest instance, 0.38 ms). The name as searched is now a stored column, written with the name.
ALTER TABLE groups ADD COLUMN search_name text GENERATED ALWAYS AS (search_name(name)) STORED;
CREATE INDEX groups_search_name ON groups USING gin (instance_id, search_name gin_trgm_ops);
DROP INDEX groups_name_trgm;
