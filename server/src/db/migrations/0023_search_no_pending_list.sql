-- The search indexes take each new entry at once, rather than in a pending list (issue 6; docs/search.md
-- "Index").
--
-- By default (fastupdate on) a GIN index queues the keys of new rows in a pending list, unsorted, until it
-- holds gin_pending_list_limit (4 MB) or autovacuum or autoanalyze come by, and every search reads the whole
-- list. Chat writes all the time: in a copy of the search benchmark's database, after 26,000 messages had
-- been sent, the messages' index held 414 pending pages and each search of messages cost 8.6 ms of
-- PostgreSQL's CPU instead of 0.4 ms (no match) and 9.9 instead of 1.5 (a common word). The benchmark did
-- not see it: it seeds, vacuums, then searches. Written at once, each message's keys cost its writer little
-- more: 1,137 against 1,114 messages a second (−2%) for four writers inserting one message per transaction
-- into that database, with a shorter tail (p99.9 57 → 35 ms), as nothing ever has to empty a 4 MB list.
--
-- Every GIN index of the schema is a search index; each one is set, and its pending list emptied now. A new
-- GIN index is created WITH (fastupdate = off): search.test.ts checks them all.
ALTER INDEX search_entries_message_words SET (fastupdate = off);
ALTER INDEX search_entries_post_words SET (fastupdate = off);
ALTER INDEX search_entries_posts_by_period SET (fastupdate = off);
ALTER INDEX search_entries_posts_recent_words SET (fastupdate = off);
ALTER INDEX search_entries_files SET (fastupdate = off);
ALTER INDEX search_entries_file_names_searched SET (fastupdate = off);
ALTER INDEX search_entries_file_texts SET (fastupdate = off);
ALTER INDEX search_entries_file_text_words SET (fastupdate = off);
ALTER INDEX users_search_name SET (fastupdate = off);

SELECT gin_clean_pending_list(c.oid::regclass)
FROM pg_class c JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.amname = 'gin' AND n.nspname = 'public';
