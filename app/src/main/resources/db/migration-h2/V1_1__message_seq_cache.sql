-- H2 flushes a sequence by committing its whole store (every page changed so far, in any transaction)
-- each time the sequence's cache runs out: with the default cache of 32 that was half the cost of an
-- inbound insert. H2's cache is one for the database, so a larger one keeps the global order; a crash
-- only leaves a gap.
alter sequence message_seq cache 10000;
