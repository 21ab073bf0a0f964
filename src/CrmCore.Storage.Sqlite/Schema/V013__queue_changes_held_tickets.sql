-- CrmCore SQLite schema 13: many desks on one queue, and agents' slots without a scan.
-- crm_queue_change keeps, per ticket, the number of the last change a desk made to its queue entry (queued, moved, re-ranked, taken);
-- crm_queue_clock hands the numbers out in commit order (one row, bumped under the write lock). A desk reads the changes after the last
-- number it saw before it pulls, so a ticket another desk queued, moved or took is seen without a restart. A taken ticket keeps its row
-- (its entry is gone from crm_queue): that is how the other desks learn it left the queue.
-- crm_ticket_held: the tickets whose owner holds a slot for them, counted per owner at start-up (ServiceDesk.RestoreAgentsAsync).

CREATE TABLE crm_queue_clock (
    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    change_no INTEGER NOT NULL
);

INSERT INTO crm_queue_clock (id, change_no) VALUES (1, 0);

CREATE TABLE crm_queue_change (
    ticket_id TEXT    NOT NULL PRIMARY KEY,
    change_no INTEGER NOT NULL
) WITHOUT ROWID;

CREATE UNIQUE INDEX crm_queue_change_no ON crm_queue_change (change_no);

CREATE INDEX crm_ticket_held ON crm_ticket (owner) WHERE is_open = 1 AND status IN ('Pending', 'InProgress', 'WaitingForCustomer');
