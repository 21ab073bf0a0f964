-- CrmCore PostgreSQL schema 9: the import ledger. One row per import run: the file (name and SHA-256 of its bytes), the mapping, when it
-- started and finished (NULL: interrupted or still running), the batches committed and the outcome counts of their rows.

CREATE TABLE {schema}.import_run (
    id          text COLLATE "C" NOT NULL PRIMARY KEY,
    entity      text        NOT NULL,
    file_name   text        NOT NULL,
    file_hash   text COLLATE "C" NOT NULL,
    mapping     text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NULL,
    batches     bigint      NOT NULL,
    inserted    bigint      NOT NULL,
    updated     bigint      NOT NULL,
    unchanged   bigint      NOT NULL,
    merged      bigint      NOT NULL,
    held        bigint      NOT NULL,
    rejected    bigint      NOT NULL,
    skipped     bigint      NOT NULL
);

CREATE INDEX import_run_file_hash ON {schema}.import_run (file_hash, started_at);
