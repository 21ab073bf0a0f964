-- CrmCore SQLite schema 12: the knowledge base (documents 000 and 004). One versioned row per article (tags and ticket types as JSON
-- lists), and the marks of articles that solved tickets ("learn from use") in the order they were made, once per article and ticket.

CREATE TABLE crm_knowledge_article (
    id           TEXT    NOT NULL PRIMARY KEY,
    version      INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    tags         TEXT    NOT NULL,
    ticket_types TEXT    NOT NULL
);

CREATE INDEX crm_knowledge_article_status ON crm_knowledge_article (status, id);

CREATE TABLE crm_knowledge_solution (
    seq         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    article_id  TEXT    NOT NULL REFERENCES crm_knowledge_article (id),
    ticket_id   TEXT    NOT NULL,
    ticket_type TEXT    NULL,
    ticket_text TEXT    NOT NULL,
    marked_at   INTEGER NOT NULL,
    UNIQUE (article_id, ticket_id)
);
