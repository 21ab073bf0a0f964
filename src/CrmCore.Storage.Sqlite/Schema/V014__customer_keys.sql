-- CrmCore SQLite schema 14: the customers' match keys and the customers an import run touched.
-- crm_customer_key: one row per key of a customer (kind 1 id, 2 canonical phone, 3 case-folded e-mail, 4 company-name key), written in
-- the same transaction as every customer save; the keys need C# to compute, so customers stored before this table get theirs from the
-- storage itself (in pages, before its first key lookup). crm_import_run_customer: per import run, each customer it created or changed,
-- with the file line it came from, so an import can say "merged into line N" without keeping every customer in memory.

CREATE TABLE crm_customer_key (
    kind        INTEGER NOT NULL,
    key_value   TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    PRIMARY KEY (kind, key_value, customer_id)
) WITHOUT ROWID;

CREATE INDEX crm_customer_key_customer ON crm_customer_key (customer_id, kind);

CREATE TABLE crm_import_run_customer (
    run_id      TEXT    NOT NULL,
    customer_id TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    created     INTEGER NOT NULL,
    newest_on   TEXT    NULL,
    PRIMARY KEY (run_id, customer_id)
) WITHOUT ROWID;
