-- CrmCore PostgreSQL schema 4: survey history. A reopened ticket that is revisited again keeps every answer: the latest stays in
-- ticket_survey (the one KPIs count), the earlier ones are append-only rows here, in the order they were given.

CREATE TABLE {schema}.ticket_survey_earlier (
    ticket_id   text        NOT NULL REFERENCES {schema}.ticket (id),
    seq         bigint      NOT NULL,
    customer_id text        NOT NULL,
    answered_at timestamptz NOT NULL,
    csat        bigint      NOT NULL,
    nps         bigint      NULL,
    dimensions  text        NOT NULL,
    comment     text        NOT NULL,
    PRIMARY KEY (ticket_id, seq)
);

CREATE FUNCTION {schema}.ticket_survey_earlier_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'ticket_survey_earlier is append-only'; END $$;
CREATE TRIGGER ticket_survey_earlier_append_only BEFORE UPDATE OR DELETE ON {schema}.ticket_survey_earlier
FOR EACH ROW EXECUTE FUNCTION {schema}.ticket_survey_earlier_append_only();
