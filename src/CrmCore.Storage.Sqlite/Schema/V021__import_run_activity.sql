-- CrmCore SQLite schema 21: an import run shows it is alive. last_active_at is when the run last recorded something (its start, a
-- batch, its finish): the next import of the same file refuses to take up a run active within its lease, and a prune keeps an
-- unfinished run that recorded a batch after a later run of its file started. A run recorded before this version gets its finish, or
-- else its start. Run numbers (the n of the id {hash}-n) now come from crm_id_sequence ('import_run') and never repeat, pruned runs
-- or not: the sequence starts above every number a kept run's id holds.

ALTER TABLE crm_import_run ADD COLUMN last_active_at INTEGER NOT NULL DEFAULT 0;

UPDATE crm_import_run SET last_active_at = COALESCE(finished_at, started_at);

INSERT INTO crm_id_sequence (name, period, last_value)
SELECT 'import_run', '', COALESCE(MAX(CAST(substr(id, instr(id, '-') + 1) AS INTEGER)), 0)
FROM crm_import_run
WHERE instr(id, '-') > 0 AND length(id) - instr(id, '-') BETWEEN 1 AND 18 AND substr(id, instr(id, '-') + 1) NOT GLOB '*[^0-9]*'
ON CONFLICT (name, period) DO UPDATE SET last_value = max(last_value, excluded.last_value);
