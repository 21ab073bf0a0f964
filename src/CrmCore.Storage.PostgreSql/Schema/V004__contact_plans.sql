-- CrmCore PostgreSQL schema 3: contact plans (客户沟通计划表) and contact records (沟通记录). A plan entry is a current-state row with a
-- version; contact records are append-only. Instants are timestamptz, dates 'yyyy-MM-dd' text.

CREATE TABLE {schema}.contact_plan_entry (
    id                   text COLLATE "C" NOT NULL PRIMARY KEY,
    version              bigint  NOT NULL,
    customer_id          text    NOT NULL,
    kind                 text    NOT NULL,
    channel              text    NOT NULL,
    owner                text    NULL,
    due_on               text COLLATE "C" NOT NULL,
    planned_at           timestamptz NOT NULL,
    due_by               timestamptz NOT NULL,
    purpose              text    NOT NULL,
    occasion             text    NULL,
    status               text    NOT NULL,
    is_open              boolean NOT NULL,
    started_at           timestamptz NULL,
    actual_at            timestamptz NULL,
    feedback             text    NULL,
    next_action          text    NULL,
    cancel_reason        text    NULL,
    due_raised           boolean NOT NULL,
    overdue_raised       boolean NOT NULL,
    suspended_by_opt_out boolean NOT NULL
);

CREATE INDEX contact_plan_customer ON {schema}.contact_plan_entry (customer_id, due_on);
CREATE INDEX contact_plan_due_on ON {schema}.contact_plan_entry (due_on);
-- The desk's timer reads only open entries that still owe a reminder.
CREATE INDEX contact_plan_owing ON {schema}.contact_plan_entry (planned_at, id) WHERE is_open AND NOT overdue_raised;

CREATE TABLE {schema}.contact_record (
    seq               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id       text    NOT NULL,
    at                timestamptz NOT NULL,
    channel           text    NOT NULL,
    direction         text    NOT NULL,
    summary           text    NOT NULL,
    by_whom           text    NOT NULL,
    customer_feedback text    NULL,
    next_action       text    NULL,
    next_contact_on   text    NULL,
    ticket_id         text    NULL
);

CREATE INDEX contact_record_customer ON {schema}.contact_record (customer_id, at, seq);

CREATE FUNCTION {schema}.contact_record_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'contact_record is append-only'; END $$;
CREATE TRIGGER contact_record_append_only BEFORE UPDATE OR DELETE ON {schema}.contact_record
FOR EACH ROW EXECUTE FUNCTION {schema}.contact_record_append_only();
