-- CrmCore PostgreSQL schema 24: an import run shows it is alive. last_active_at is when the run last recorded something (its start,
-- a batch, its finish): the next import of the same file refuses to take up a run active within its lease, and a prune keeps an
-- unfinished run that recorded a batch after a later run of its file started. A run recorded before this version gets its finish, or
-- else its start. Run numbers (the n of the id {hash}-n) now come from id_sequence ('import_run'), drawn under the row's lock so that
-- hosts starting runs at once never share one, and never repeat, pruned runs or not: the sequence starts above every number a kept
-- run's id holds.

ALTER TABLE {schema}.import_run ADD COLUMN last_active_at timestamptz NULL;

UPDATE {schema}.import_run SET last_active_at = COALESCE(finished_at, started_at);

ALTER TABLE {schema}.import_run ALTER COLUMN last_active_at SET NOT NULL;

INSERT INTO {schema}.id_sequence AS s (name, period, last_value)
SELECT 'import_run', '', COALESCE(MAX(substring(id FROM '-([0-9]{1,18})$')::bigint), 0)
FROM {schema}.import_run
ON CONFLICT (name, period) DO UPDATE SET last_value = GREATEST(s.last_value, excluded.last_value);
