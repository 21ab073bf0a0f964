-- CrmCore PostgreSQL schema 19 (grams9; the lead renumbers at merge): the company-name grams in their own compact table, written only once
-- a similar-name lookup has asked for them. customer_name_gram: one row per distinct gram of a customer's name key (the gram as one
-- integer, SimilarNames.Code: first UTF-16 unit in the high 16 bits, second in the low), no text key. The grams kind 6 rows of
-- customer_key (schema 18) go. customer_name_gram_state, one row: turned_on is 0 until the first similar-name lookup turns the index on
-- (from then on every customer save writes its grams, in the same transaction; a save reads the row FOR SHARE, so the UPDATE that turns
-- it on waits for the saves that read it off and the build that follows sees their customers); built_through and built are the
-- resumable build's progress over the customers stored before (customer id order). A database keeps its grams once turned on.

DELETE FROM {schema}.customer_key WHERE kind = 6;

CREATE TABLE {schema}.customer_name_gram (
    gram        integer          NOT NULL,
    customer_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (gram, customer_id)
);

CREATE TABLE {schema}.customer_name_gram_state (
    id            integer          NOT NULL PRIMARY KEY CHECK (id = 1),
    turned_on     integer          NOT NULL,
    built_through text COLLATE "C" NULL,
    built         integer          NOT NULL
);

INSERT INTO {schema}.customer_name_gram_state (id, turned_on, built_through, built) VALUES (1, 0, NULL, 0);
