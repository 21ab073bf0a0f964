-- CrmCore PostgreSQL schema 23: a month's KPI input (ServiceDesk.KpiInputAsync) selects tickets by when they were raised (raised_at), as
-- the KPIs count them; this index serves that range instead of a scan of every ticket.

CREATE INDEX ticket_raised ON {schema}.ticket (raised_at, id);
