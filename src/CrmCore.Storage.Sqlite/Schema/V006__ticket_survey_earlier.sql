-- CrmCore SQLite schema 6: survey history. A reopened ticket that is revisited again keeps every answer: the latest stays in
-- crm_ticket_survey (the one KPIs count), the earlier ones are append-only rows here, in the order they were given.

CREATE TABLE crm_ticket_survey_earlier (
    ticket_id   TEXT    NOT NULL REFERENCES crm_ticket (id),
    seq         INTEGER NOT NULL,
    customer_id TEXT    NOT NULL,
    answered_at INTEGER NOT NULL,
    csat        INTEGER NOT NULL,
    nps         INTEGER NULL,
    dimensions  TEXT    NOT NULL,
    comment     TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, seq)
);

-- Only the comment may change, and only by a personal-data erasure (IPersonalDataScrubber); every other column is fixed.
CREATE TRIGGER crm_ticket_survey_earlier_no_update BEFORE UPDATE OF ticket_id, seq, customer_id, answered_at, csat, nps, dimensions ON crm_ticket_survey_earlier
BEGIN SELECT RAISE(ABORT, 'crm_ticket_survey_earlier is append-only'); END;
CREATE TRIGGER crm_ticket_survey_earlier_no_delete BEFORE DELETE ON crm_ticket_survey_earlier
BEGIN SELECT RAISE(ABORT, 'crm_ticket_survey_earlier is append-only'); END;
