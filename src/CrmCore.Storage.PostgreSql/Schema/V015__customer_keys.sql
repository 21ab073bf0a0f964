-- CrmCore PostgreSQL schema 15: the customers' match keys and the customers an import run touched.
-- customer_key: one row per key of a customer (kind 1 id, 2 canonical phone, 3 case-folded e-mail, 4 company-name key), written in the
-- same transaction as every customer save; the keys need C# to compute, so customers stored before this table get theirs from the
-- storage itself (in pages, before its first key lookup). Keys sort in code-point order (COLLATE "C"), so a name block is a key range.
-- import_run_customer: per import run, each customer it created or changed, with the file line it came from.

CREATE TABLE {schema}.customer_key (
    kind        integer          NOT NULL,
    key_value   text COLLATE "C" NOT NULL,
    customer_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, key_value, customer_id)
);

CREATE INDEX customer_key_customer ON {schema}.customer_key (customer_id, kind);

CREATE TABLE {schema}.import_run_customer (
    run_id      text COLLATE "C" NOT NULL,
    customer_id text COLLATE "C" NOT NULL,
    line        integer          NOT NULL,
    created     boolean          NOT NULL,
    newest_on   text             NULL,
    PRIMARY KEY (run_id, customer_id)
);
