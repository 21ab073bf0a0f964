-- CrmCore SQLite schema 3: the append-only, hash-chained audit trail (issue 16). Each row carries the hash of the row before it
-- (sequence - 1); the library never updates or deletes a row. Instants are INTEGER Unix ticks (the hash covers the exact ticks).

CREATE TABLE crm_audit_log (
    sequence       INTEGER NOT NULL PRIMARY KEY,
    at             INTEGER NOT NULL,
    actor          TEXT    NOT NULL,
    action         INTEGER NOT NULL,
    entity_type    TEXT    NOT NULL,
    entity_id      TEXT    NOT NULL,
    field          TEXT    NULL,
    old_value      TEXT    NULL,
    new_value      TEXT    NULL,
    reason         TEXT    NULL,
    correlation_id TEXT    NULL,
    previous_hash  TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);

CREATE INDEX crm_audit_log_entity ON crm_audit_log (entity_type, entity_id, sequence);
CREATE INDEX crm_audit_log_actor ON crm_audit_log (actor, sequence);
CREATE INDEX crm_audit_log_at ON crm_audit_log (at);
