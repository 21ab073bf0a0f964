-- CrmCore PostgreSQL schema 10: the installed base (document 004). One versioned row per asset; the maintenance history is a JSON
-- list (instants as Unix ticks). Dates are 'yyyy-MM-dd' text. Tickets already carry their asset in ticket.related_asset_id.

CREATE TABLE {schema}.asset (
    id               text COLLATE "C" NOT NULL PRIMARY KEY,
    version          bigint NOT NULL,
    name             text   NOT NULL,
    serial_number    text   NOT NULL,
    model            text   NOT NULL,
    owner            text   NOT NULL,
    installed_on     text   NOT NULL,
    warranty_ends_on text   NULL,
    custodian        text   NULL,
    parent_id        text   NULL,
    maintenance      text   NOT NULL
);

CREATE INDEX asset_owner ON {schema}.asset (owner, id);
CREATE INDEX asset_model ON {schema}.asset (model);
CREATE INDEX ticket_related_asset ON {schema}.ticket (related_asset_id) WHERE related_asset_id IS NOT NULL;
