-- CrmCore PostgreSQL schema 3: the service desk's due times on the ticket row. next_due_at is the earliest instant the desk's
-- AdvanceAsync may act on the ticket (NULL: nothing pending; 1900-01-01 when never computed, so the ticket counts as due); the SLA
-- due times and the breach flag are as of the last save or advance.

ALTER TABLE {schema}.ticket
    ADD COLUMN next_due_at           timestamptz NULL,
    ADD COLUMN first_response_due_at timestamptz NULL,
    ADD COLUMN resolution_due_at     timestamptz NULL,
    ADD COLUMN revisit_due_at        timestamptz NULL,
    ADD COLUMN sla_breached          boolean     NOT NULL DEFAULT false;

-- Tickets stored before this version were never computed: due at once.
UPDATE {schema}.ticket SET next_due_at = '1900-01-01 00:00:00+00';

-- The desk's due-time index: open tickets by their next due instant.
CREATE INDEX ticket_due ON {schema}.ticket (next_due_at) WHERE is_open;
