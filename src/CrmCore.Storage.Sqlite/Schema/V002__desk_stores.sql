-- CrmCore SQLite schema 2: the service desk's records. Tickets are a current-state row with a version (optimistic concurrency)
-- plus an append-only status history, which stays the authority for SLA clocks. Instants are INTEGER Unix ticks, dates
-- 'yyyy-MM-dd' text, lists JSON text.

CREATE TABLE crm_ticket (
    id                     TEXT    NOT NULL PRIMARY KEY,
    version                INTEGER NOT NULL,
    customer_id            TEXT    NOT NULL,
    description            TEXT    NOT NULL,
    urgency                TEXT    NOT NULL,
    type                   TEXT    NOT NULL,
    channel                TEXT    NOT NULL,
    department             TEXT    NULL,
    expected_resolution_at INTEGER NULL,
    related_asset_id       TEXT    NULL,
    raised_at              INTEGER NOT NULL,
    created_at             INTEGER NOT NULL,
    owner                  TEXT    NOT NULL,
    status                 TEXT    NOT NULL,
    is_open                INTEGER NOT NULL,
    solution               TEXT    NULL,
    reopen_count           INTEGER NOT NULL,
    first_response_at      INTEGER NULL,
    resolved_at            INTEGER NULL,
    closed_at              INTEGER NULL,
    customer_confirmed_at  INTEGER NULL,
    revisit_completed_at   INTEGER NULL,
    last_change_at         INTEGER NOT NULL,
    timeline               TEXT    NOT NULL
);

CREATE INDEX crm_ticket_created ON crm_ticket (created_at, id);
CREATE INDEX crm_ticket_open ON crm_ticket (created_at, id) WHERE is_open = 1;
CREATE INDEX crm_ticket_customer ON crm_ticket (customer_id, created_at);

CREATE TABLE crm_ticket_status_history (
    ticket_id   TEXT    NOT NULL REFERENCES crm_ticket (id),
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    by          TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER crm_ticket_status_history_no_update BEFORE UPDATE ON crm_ticket_status_history
BEGIN SELECT RAISE(ABORT, 'crm_ticket_status_history is append-only'); END;
CREATE TRIGGER crm_ticket_status_history_no_delete BEFORE DELETE ON crm_ticket_status_history
BEGIN SELECT RAISE(ABORT, 'crm_ticket_status_history is append-only'); END;

CREATE TABLE crm_ticket_survey (
    ticket_id   TEXT    NOT NULL PRIMARY KEY REFERENCES crm_ticket (id),
    customer_id TEXT    NOT NULL,
    answered_at INTEGER NOT NULL,
    csat        INTEGER NOT NULL,
    nps         INTEGER NULL,
    dimensions  TEXT    NOT NULL,
    comment     TEXT    NOT NULL
);

CREATE INDEX crm_ticket_survey_answered ON crm_ticket_survey (answered_at, ticket_id);

CREATE TABLE crm_customer (
    id                   TEXT    NOT NULL PRIMARY KEY,
    version              INTEGER NOT NULL,
    name                 TEXT    NOT NULL,
    short_name           TEXT    NULL,
    industry             TEXT    NOT NULL,
    employees            INTEGER NULL,
    revenue_amount       TEXT    NULL,
    revenue_currency     TEXT    NULL,
    source               TEXT    NOT NULL,
    first_contact_on     TEXT    NOT NULL,
    created_at           INTEGER NOT NULL,
    contacts             TEXT    NOT NULL,
    first_cooperation_on TEXT    NULL,
    annual_amount        TEXT    NOT NULL,
    annual_currency      TEXT    NOT NULL,
    products             TEXT    NOT NULL,
    orders_per_year      INTEGER NULL,
    account_manager      TEXT    NULL,
    preference_tags      TEXT    NOT NULL,
    tier                 TEXT    NULL,
    tags                 TEXT    NOT NULL,
    do_not_contact_since INTEGER NULL,
    do_not_contact_reason TEXT   NULL,
    last_interaction_at  INTEGER NULL
);

CREATE TABLE crm_escalation_state (
    ticket_id   TEXT    NOT NULL PRIMARY KEY,
    version     INTEGER NOT NULL,
    escalations TEXT    NOT NULL,
    warnings    TEXT    NOT NULL,
    reminders   TEXT    NOT NULL
);
