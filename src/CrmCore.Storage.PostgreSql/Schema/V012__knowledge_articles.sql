-- CrmCore PostgreSQL schema 12: the knowledge base (documents 000 and 004). One versioned row per article (tags and ticket types as
-- JSON lists), and the marks of articles that solved tickets ("learn from use") in the order they were made, once per article and
-- ticket.

CREATE TABLE {schema}.knowledge_article (
    id           text COLLATE "C" NOT NULL PRIMARY KEY,
    version      bigint NOT NULL,
    status       text   NOT NULL,
    title        text   NOT NULL,
    body         text   NOT NULL,
    tags         text   NOT NULL,
    ticket_types text   NOT NULL
);

CREATE INDEX knowledge_article_status ON {schema}.knowledge_article (status, id);

CREATE TABLE {schema}.knowledge_solution (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id  text COLLATE "C" NOT NULL REFERENCES {schema}.knowledge_article (id),
    ticket_id   text COLLATE "C" NOT NULL,
    ticket_type text        NULL,
    ticket_text text        NOT NULL,
    marked_at   timestamptz NOT NULL,
    UNIQUE (article_id, ticket_id)
);
