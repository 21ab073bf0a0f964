-- CrmCore SQLite schema 11: agents and teams, so that a restarted host finds its staff again. One versioned row per agent (skills as
-- 'Code:level,…', joined temporary teams as a comma list, the shift as 'HH:mm:ss|HH:mm:ss|1234567' with ISO day numbers); one row per
-- team. The tickets an agent holds are not stored: they follow from crm_ticket.owner.

CREATE TABLE crm_agent (
    id           TEXT    NOT NULL PRIMARY KEY,
    version      INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    team         TEXT    NOT NULL,
    skills       TEXT    NOT NULL,
    capacity     INTEGER NOT NULL,
    shift        TEXT    NULL,
    availability TEXT    NOT NULL,
    joined_teams TEXT    NOT NULL
);

CREATE TABLE crm_team (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    fallback     TEXT    NULL,
    is_temporary INTEGER NOT NULL
);
