-- CrmCore SQLite schema 9: the import ledger. One row per import run: the file (name and SHA-256 of its bytes), the mapping, when it
-- started and finished (NULL: interrupted or still running), the batches committed and the outcome counts of their rows.

CREATE TABLE crm_import_run (
    id          TEXT    NOT NULL PRIMARY KEY,
    entity      TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    file_hash   TEXT    NOT NULL,
    mapping     TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NULL,
    batches     INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    merged      INTEGER NOT NULL,
    held        INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    skipped     INTEGER NOT NULL
);

CREATE INDEX crm_import_run_file_hash ON crm_import_run (file_hash, started_at);
