-- CrmCore SQLite schema 20: a month's KPI input (ServiceDesk.KpiInputAsync) selects tickets by when they were raised (raised_at), as the
-- KPIs count them; this index serves that range instead of a scan of every ticket.

CREATE INDEX crm_ticket_raised ON crm_ticket (raised_at, id);
