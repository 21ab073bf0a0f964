-- CrmCore SQLite schema 10: the installed base (document 004). One versioned row per asset; the maintenance history is a JSON list
-- (instants as Unix ticks). Dates are 'yyyy-MM-dd' text. Tickets already carry their asset in crm_ticket.related_asset_id.

CREATE TABLE crm_asset (
    id               TEXT    NOT NULL PRIMARY KEY,
    version          INTEGER NOT NULL,
    name             TEXT    NOT NULL,
    serial_number    TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    owner            TEXT    NOT NULL,
    installed_on     TEXT    NOT NULL,
    warranty_ends_on TEXT    NULL,
    custodian        TEXT    NULL,
    parent_id        TEXT    NULL,
    maintenance      TEXT    NOT NULL
);

CREATE INDEX crm_asset_owner ON crm_asset (owner, id);
CREATE INDEX crm_asset_model ON crm_asset (model);
CREATE INDEX crm_ticket_related_asset ON crm_ticket (related_asset_id) WHERE related_asset_id IS NOT NULL;
