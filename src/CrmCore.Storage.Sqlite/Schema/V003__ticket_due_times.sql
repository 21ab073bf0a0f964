-- CrmCore SQLite schema 3: the service desk's due times on the ticket row. next_due_at is the earliest instant the desk's
-- AdvanceAsync may act on the ticket (NULL: nothing pending; -22089888000000000, i.e. 1900-01-01, when never computed, so the
-- ticket counts as due); the SLA due times and the breach flag are as of the last save or advance. Instants are Unix ticks.

ALTER TABLE crm_ticket ADD COLUMN next_due_at INTEGER NULL;
ALTER TABLE crm_ticket ADD COLUMN first_response_due_at INTEGER NULL;
ALTER TABLE crm_ticket ADD COLUMN resolution_due_at INTEGER NULL;
ALTER TABLE crm_ticket ADD COLUMN revisit_due_at INTEGER NULL;
ALTER TABLE crm_ticket ADD COLUMN sla_breached INTEGER NOT NULL DEFAULT 0;

-- Tickets stored before this version were never computed: due at once.
UPDATE crm_ticket SET next_due_at = -22089888000000000;

-- The desk's due-time index: open tickets by their next due instant.
CREATE INDEX crm_ticket_due ON crm_ticket (next_due_at) WHERE is_open = 1;
