-- CrmCore PostgreSQL schema 6: survey history. A reopened ticket that is revisited again keeps every answer: the latest stays in
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
$$ BEGIN
  -- Only the comment may change, and only by a personal-data erasure (IPersonalDataScrubber); every other column is fixed.
  IF TG_OP = 'DELETE' OR (NEW.ticket_id, NEW.seq, NEW.customer_id, NEW.answered_at, NEW.csat, NEW.nps, NEW.dimensions)
       IS DISTINCT FROM (OLD.ticket_id, OLD.seq, OLD.customer_id, OLD.answered_at, OLD.csat, OLD.nps, OLD.dimensions) THEN
    RAISE EXCEPTION 'ticket_survey_earlier is append-only';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ticket_survey_earlier_append_only BEFORE UPDATE OR DELETE ON {schema}.ticket_survey_earlier
FOR EACH ROW EXECUTE FUNCTION {schema}.ticket_survey_earlier_append_only();
