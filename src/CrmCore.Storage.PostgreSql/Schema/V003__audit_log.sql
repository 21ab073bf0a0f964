-- CrmCore PostgreSQL schema 3: the append-only, hash-chained audit trail (issue 16). Each row carries the hash of the row before
-- it (sequence - 1); the library never updates or deletes a row. The instant `at` is kept as Unix ticks (bigint) because the hash covers
-- the exact ticks and timestamptz keeps microseconds only.

CREATE TABLE {schema}.audit_log (
    sequence       bigint NOT NULL PRIMARY KEY,
    at             bigint NOT NULL,
    actor          text   NOT NULL,
    action         integer NOT NULL,
    entity_type    text   NOT NULL,
    entity_id      text   NOT NULL,
    field          text   NULL,
    old_value      text   NULL,
    new_value      text   NULL,
    reason         text   NULL,
    correlation_id text   NULL,
    previous_hash  text   NOT NULL,
    hash           text   NOT NULL
);

CREATE INDEX audit_log_entity ON {schema}.audit_log (entity_type, entity_id, sequence);
CREATE INDEX audit_log_actor ON {schema}.audit_log (actor, sequence);
CREATE INDEX audit_log_at ON {schema}.audit_log (at);
