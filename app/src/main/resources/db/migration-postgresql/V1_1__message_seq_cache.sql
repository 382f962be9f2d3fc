-- PostgreSQL caches sequence values per session: with a cache above 1, two connections would hand out
-- interleaved blocks and seq would no longer follow the order of inserts, which conversations rely on.
-- So the cache stays at 1 here (the default, made explicit beside H2's migration of the same version).
alter sequence message_seq cache 1;
