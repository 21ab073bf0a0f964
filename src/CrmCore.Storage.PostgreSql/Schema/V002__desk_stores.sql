-- CrmCore PostgreSQL schema 2: the service desk's records. Tickets are a current-state row with a version (optimistic concurrency)
-- plus an append-only status history, which stays the authority for SLA clocks. Instants are timestamptz, dates 'yyyy-MM-dd' text,
-- lists JSON text.

CREATE TABLE {schema}.ticket (
    id                     text COLLATE "C" NOT NULL PRIMARY KEY,
    version                bigint NOT NULL,
    customer_id            text    NOT NULL,
    description            text    NOT NULL,
    urgency                text    NOT NULL,
    type                   text    NOT NULL,
    channel                text    NOT NULL,
    department             text    NULL,
    expected_resolution_at timestamptz NULL,
    related_asset_id       text    NULL,
    raised_at              timestamptz NOT NULL,
    created_at             timestamptz NOT NULL,
    owner                  text    NOT NULL,
    status                 text    NOT NULL,
    is_open                boolean NOT NULL,
    solution               text    NULL,
    reopen_count           bigint NOT NULL,
    first_response_at      timestamptz NULL,
    resolved_at            timestamptz NULL,
    closed_at              timestamptz NULL,
    customer_confirmed_at  timestamptz NULL,
    revisit_completed_at   timestamptz NULL,
    last_change_at         timestamptz NOT NULL,
    timeline               text    NOT NULL
);

CREATE INDEX ticket_created ON {schema}.ticket (created_at, id);
CREATE INDEX ticket_open ON {schema}.ticket (created_at, id) WHERE is_open;
CREATE INDEX ticket_customer ON {schema}.ticket (customer_id, created_at);

CREATE TABLE {schema}.ticket_status_history (
    ticket_id   text    NOT NULL REFERENCES {schema}.ticket (id),
    seq         bigint NOT NULL,
    at          timestamptz NOT NULL,
    from_status text    NOT NULL,
    to_status   text    NOT NULL,
    by          text    NOT NULL,
    PRIMARY KEY (ticket_id, seq)
);

CREATE FUNCTION {schema}.ticket_status_history_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'ticket_status_history is append-only'; END $$;
CREATE TRIGGER ticket_status_history_append_only BEFORE UPDATE OR DELETE ON {schema}.ticket_status_history
FOR EACH ROW EXECUTE FUNCTION {schema}.ticket_status_history_append_only();

CREATE TABLE {schema}.ticket_survey (
    ticket_id   text    NOT NULL PRIMARY KEY REFERENCES {schema}.ticket (id),
    customer_id text    NOT NULL,
    answered_at timestamptz NOT NULL,
    csat        bigint NOT NULL,
    nps         bigint NULL,
    dimensions  text    NOT NULL,
    comment     text    NOT NULL
);

CREATE INDEX ticket_survey_answered ON {schema}.ticket_survey (answered_at, ticket_id);

CREATE TABLE {schema}.customer (
    id                   text    NOT NULL PRIMARY KEY,
    version              bigint NOT NULL,
    name                 text    NOT NULL,
    short_name           text    NULL,
    industry             text    NOT NULL,
    employees            bigint NULL,
    revenue_amount       text    NULL,
    revenue_currency     text    NULL,
    source               text    NOT NULL,
    first_contact_on     text    NOT NULL,
    created_at           timestamptz NOT NULL,
    contacts             text    NOT NULL,
    first_cooperation_on text    NULL,
    annual_amount        text    NOT NULL,
    annual_currency      text    NOT NULL,
    products             text    NOT NULL,
    orders_per_year      bigint NULL,
    account_manager      text    NULL,
    preference_tags      text    NOT NULL,
    tier                 text    NULL,
    tags                 text    NOT NULL,
    do_not_contact_since timestamptz NULL,
    do_not_contact_reason text   NULL,
    last_interaction_at  timestamptz NULL
);

CREATE TABLE {schema}.escalation_state (
    ticket_id   text    NOT NULL PRIMARY KEY,
    version     bigint NOT NULL,
    escalations text    NOT NULL,
    warnings    text    NOT NULL,
    reminders   text    NOT NULL
);
