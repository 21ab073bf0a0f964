-- CrmCore PostgreSQL schema 13: many desks on one queue, and agents' slots without a scan.
-- queue_change keeps, per ticket, the number of the last change a desk made to its queue entry (queued, moved, re-ranked, taken);
-- queue_clock hands the numbers out in commit order (one row, locked by each change until its transaction commits). A desk reads the
-- changes after the last number it saw before it pulls, so a ticket another desk queued, moved or took is seen without a restart. A
-- taken ticket keeps its row (its entry is gone from queue): that is how the other desks learn it left the queue.
-- ticket_held: the tickets whose owner holds a slot for them, counted per owner at start-up (ServiceDesk.RestoreAgentsAsync).

CREATE TABLE {schema}.queue_clock (
    id        integer NOT NULL PRIMARY KEY CHECK (id = 1),
    change_no bigint  NOT NULL
);

INSERT INTO {schema}.queue_clock (id, change_no) VALUES (1, 0);

CREATE TABLE {schema}.queue_change (
    ticket_id text COLLATE "C" NOT NULL PRIMARY KEY,
    change_no bigint NOT NULL
);

CREATE UNIQUE INDEX queue_change_no ON {schema}.queue_change (change_no);

CREATE INDEX ticket_held ON {schema}.ticket (owner) WHERE is_open AND status IN ('Pending', 'InProgress', 'WaitingForCustomer');
