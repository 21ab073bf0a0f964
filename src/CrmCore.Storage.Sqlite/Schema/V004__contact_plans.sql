-- CrmCore SQLite schema 3: contact plans (客户沟通计划表) and contact records (沟通记录). A plan entry is a current-state row with a
-- version; contact records are append-only. Instants are INTEGER Unix ticks, dates 'yyyy-MM-dd' text.

CREATE TABLE crm_contact_plan_entry (
    id                   TEXT    NOT NULL PRIMARY KEY,
    version              INTEGER NOT NULL,
    customer_id          TEXT    NOT NULL,
    kind                 TEXT    NOT NULL,
    channel              TEXT    NOT NULL,
    owner                TEXT    NULL,
    due_on               TEXT    NOT NULL,
    planned_at           INTEGER NOT NULL,
    due_by               INTEGER NOT NULL,
    purpose              TEXT    NOT NULL,
    occasion             TEXT    NULL,
    status               TEXT    NOT NULL,
    is_open              INTEGER NOT NULL,
    started_at           INTEGER NULL,
    actual_at            INTEGER NULL,
    feedback             TEXT    NULL,
    next_action          TEXT    NULL,
    cancel_reason        TEXT    NULL,
    due_raised           INTEGER NOT NULL,
    overdue_raised       INTEGER NOT NULL,
    suspended_by_opt_out INTEGER NOT NULL
);

CREATE INDEX crm_contact_plan_customer ON crm_contact_plan_entry (customer_id, due_on);
CREATE INDEX crm_contact_plan_due_on ON crm_contact_plan_entry (due_on);
-- The desk's timer reads only open entries that still owe a reminder.
CREATE INDEX crm_contact_plan_owing ON crm_contact_plan_entry (planned_at, id) WHERE is_open = 1 AND overdue_raised = 0;

CREATE TABLE crm_contact_record (
    seq               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    customer_id       TEXT    NOT NULL,
    at                INTEGER NOT NULL,
    channel           TEXT    NOT NULL,
    direction         TEXT    NOT NULL,
    summary           TEXT    NOT NULL,
    by_whom           TEXT    NOT NULL,
    customer_feedback TEXT    NULL,
    next_action       TEXT    NULL,
    next_contact_on   TEXT    NULL,
    ticket_id         TEXT    NULL
);

CREATE INDEX crm_contact_record_customer ON crm_contact_record (customer_id, at, seq);

CREATE TRIGGER crm_contact_record_no_update BEFORE UPDATE ON crm_contact_record
BEGIN
    SELECT RAISE(ABORT, 'contact records are append-only');
END;

CREATE TRIGGER crm_contact_record_no_delete BEFORE DELETE ON crm_contact_record
BEGIN
    SELECT RAISE(ABORT, 'contact records are append-only');
END;
