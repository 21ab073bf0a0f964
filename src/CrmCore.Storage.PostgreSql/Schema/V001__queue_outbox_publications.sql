-- CrmCore PostgreSQL schema 1: id sequences, the routing queue with leases, the outbox, published rule sets and calendars.
-- {schema} is replaced by the configured schema name. The queue keeps Unix ticks (100 ns) so that it ranks exactly as the
-- in-memory queue; its due time is 9223372036854775807 when the ticket has no SLA. Ticket ids sort ordinally (COLLATE "C").

CREATE TABLE {schema}.id_sequence (
    name       text   NOT NULL,
    period     text   NOT NULL,
    last_value bigint NOT NULL,
    PRIMARY KEY (name, period)
);

CREATE TABLE {schema}.queue_bucket (
    bucket_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team            text   NOT NULL,
    static_priority bigint NOT NULL,
    skills          text   NOT NULL,
    UNIQUE (team, static_priority, skills)
);

CREATE TABLE {schema}.queue_bucket_skill (
    bucket_id bigint NOT NULL REFERENCES {schema}.queue_bucket (bucket_id),
    skill     text   NOT NULL,
    min_level int    NOT NULL,
    PRIMARY KEY (bucket_id, skill)
);

CREATE TABLE {schema}.queue (
    ticket_id      text COLLATE "C" NOT NULL PRIMARY KEY,
    bucket_id      bigint NOT NULL REFERENCES {schema}.queue_bucket (bucket_id),
    due_ticks      bigint NOT NULL,
    enqueued_ticks bigint NOT NULL,
    claimed_by     text   NULL,
    lease_token    uuid   NULL,
    lease_until    bigint NULL
);

-- Bucket heads: the waiting tickets of a bucket in queue order.
CREATE INDEX queue_head ON {schema}.queue (bucket_id, due_ticks, enqueued_ticks, ticket_id) WHERE claimed_by IS NULL;
-- Expired leases.
CREATE INDEX queue_lease ON {schema}.queue (lease_until) WHERE claimed_by IS NOT NULL;

CREATE TABLE {schema}.outbox (
    sequence     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_id text        NOT NULL,
    event_type   text        NOT NULL,
    payload      json        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    published_at timestamptz NULL
);

CREATE INDEX outbox_unpublished ON {schema}.outbox (sequence) WHERE published_at IS NULL;

CREATE TABLE {schema}.publication (
    kind             int         NOT NULL,
    name             text        NOT NULL,
    version          int         NOT NULL,
    content_hash     text        NOT NULL,
    content          text        NOT NULL,
    published_by     text        NOT NULL,
    published_at     timestamptz NOT NULL,
    rolled_back_from int         NULL,
    PRIMARY KEY (kind, name, version)
);
