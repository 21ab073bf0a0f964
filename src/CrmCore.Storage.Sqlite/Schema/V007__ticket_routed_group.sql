-- CrmCore SQLite schema 7: the group the service desk routed a ticket to when it was raised (TicketState.RoutedGroup). An overflow
-- moves only the queue entry to the overflow group, so this column keeps the original group for reports and a return to it.
-- NULL for tickets stored before this version or never routed by the desk.

ALTER TABLE crm_ticket ADD COLUMN routed_group TEXT NULL;
