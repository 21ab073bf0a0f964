-- CrmCore PostgreSQL schema 8: the audit trail as 16 chains (issue 16). Each record joins the chain of its entity and carries the hash of
-- the chain's previous record; a save takes only its chain's advisory lock, so saves of unrelated entities no longer wait for each other.
-- Records written before this version stay in chain 0. Sequences come from a sequence object (unique and increasing; a rolled-back save
-- leaves a gap).

ALTER TABLE {schema}.audit_log ADD COLUMN chain integer NOT NULL DEFAULT 0;
CREATE INDEX audit_log_chain ON {schema}.audit_log (chain, sequence);
CREATE SEQUENCE {schema}.audit_log_sequence;
SELECT setval('{schema}.audit_log_sequence', COALESCE((SELECT MAX(sequence) FROM {schema}.audit_log), 0) + 1, false);
