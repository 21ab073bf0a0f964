-- CrmCore SQLite schema 18 (grams9; the lead renumbers at merge): the company-name grams in their own compact table, written only once a
-- similar-name lookup has asked for them. crm_customer_name_gram: one row per distinct gram of a customer's name key (the gram as one
-- integer, SimilarNames.Code: first UTF-16 unit in the high 16 bits, second in the low), no text key, no row id. The grams kind 6 rows of
-- crm_customer_key (schema 17) go. crm_customer_name_gram_state, one row: turned_on is 0 until the first similar-name lookup turns the
-- index on (from then on every customer save writes its grams, in the same transaction); built_through and built are the resumable
-- build's progress over the customers stored before (customer id order). A database keeps its grams once turned on.

DELETE FROM crm_customer_key WHERE kind = 6;

CREATE TABLE crm_customer_name_gram (
    gram        INTEGER NOT NULL,
    customer_id TEXT    NOT NULL,
    PRIMARY KEY (gram, customer_id)
) WITHOUT ROWID;

CREATE TABLE crm_customer_name_gram_state (
    id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    turned_on     INTEGER NOT NULL,
    built_through TEXT    NULL,
    built         INTEGER NOT NULL
);

INSERT INTO crm_customer_name_gram_state (id, turned_on, built_through, built) VALUES (1, 0, NULL, 0);
