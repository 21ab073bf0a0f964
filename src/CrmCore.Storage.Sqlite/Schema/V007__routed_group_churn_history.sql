-- CrmCore SQLite schema 7. The group the service desk routed a ticket to when it was raised (TicketState.RoutedGroup). An overflow
-- moves only the queue entry to the overflow group, so this column keeps the original group for reports and a return to it.
-- NULL for tickets stored before this version or never routed by the desk.

ALTER TABLE crm_ticket ADD COLUMN routed_group TEXT NULL;

-- Each customer's last churn evaluation (IChurnHistory), so a restarted host keeps the trend and raises the high-band follow-up
-- once. evaluated_at is Unix ticks; band is the ChurnBand name.
CREATE TABLE crm_churn_history (
    customer_id  TEXT    NOT NULL PRIMARY KEY,
    evaluated_at INTEGER NOT NULL,
    score        INTEGER NOT NULL,
    band         TEXT    NOT NULL
);
