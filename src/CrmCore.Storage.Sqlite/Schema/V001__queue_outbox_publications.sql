-- CrmCore SQLite schema 1: id sequences, the routing queue with leases, the outbox, published rule sets and calendars.
-- Instants are INTEGER Unix ticks (100 ns). The queue's due time is 9223372036854775807 when the ticket has no SLA.

CREATE TABLE crm_id_sequence (
    name       TEXT    NOT NULL,
    period     TEXT    NOT NULL,
    last_value INTEGER NOT NULL,
    PRIMARY KEY (name, period)
) WITHOUT ROWID;

CREATE TABLE crm_queue_bucket (
    bucket_id       INTEGER PRIMARY KEY,
    team            TEXT    NOT NULL,
    static_priority INTEGER NOT NULL,
    skills          TEXT    NOT NULL,
    UNIQUE (team, static_priority, skills)
);

CREATE TABLE crm_queue_bucket_skill (
    bucket_id INTEGER NOT NULL REFERENCES crm_queue_bucket (bucket_id),
    skill     TEXT    NOT NULL,
    min_level INTEGER NOT NULL,
    PRIMARY KEY (bucket_id, skill)
) WITHOUT ROWID;

CREATE TABLE crm_queue (
    ticket_id      TEXT    NOT NULL PRIMARY KEY,
    bucket_id      INTEGER NOT NULL REFERENCES crm_queue_bucket (bucket_id),
    due_ticks      INTEGER NOT NULL,
    enqueued_ticks INTEGER NOT NULL,
    claimed_by     TEXT    NULL,
    lease_token    TEXT    NULL,
    lease_until    INTEGER NULL
);

-- Bucket heads: the waiting tickets of a bucket in queue order.
CREATE INDEX crm_queue_head ON crm_queue (bucket_id, due_ticks, enqueued_ticks, ticket_id) WHERE claimed_by IS NULL;
-- Expired leases.
CREATE INDEX crm_queue_lease ON crm_queue (lease_until) WHERE claimed_by IS NOT NULL;

CREATE TABLE crm_outbox (
    sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
    aggregate_id TEXT    NOT NULL,
    event_type   TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    occurred_at  INTEGER NOT NULL,
    published_at INTEGER NULL
);

CREATE INDEX crm_outbox_unpublished ON crm_outbox (sequence) WHERE published_at IS NULL;

CREATE TABLE crm_publication (
    kind             INTEGER NOT NULL,
    name             TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    content_hash     TEXT    NOT NULL,
    content          TEXT    NOT NULL,
    published_by     TEXT    NOT NULL,
    published_at     INTEGER NOT NULL,
    rolled_back_from INTEGER NULL,
    PRIMARY KEY (kind, name, version)
);
