-- CrmCore PostgreSQL schema 11: agents and teams, so that a restarted host finds its staff again. One versioned row per agent (skills
-- as 'Code:level,…', joined temporary teams as a comma list, the shift as 'HH:mm:ss|HH:mm:ss|1234567' with ISO day numbers); one row
-- per team. The tickets an agent holds are not stored: they follow from ticket.owner.

CREATE TABLE {schema}.agent (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    version      bigint  NOT NULL,
    name         text    NOT NULL,
    team         text    NOT NULL,
    skills       text    NOT NULL,
    capacity     integer NOT NULL,
    shift        text    NULL,
    availability text    NOT NULL,
    joined_teams text    NOT NULL
);

CREATE TABLE {schema}.team (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    name         text    NOT NULL,
    fallback     text    NULL,
    is_temporary boolean NOT NULL
);
