-- CrmCore SQLite schema 16: a model's ticket count in a window (DbModelTicketCounts) reads each asset's tickets from one covering index on
-- (related_asset_id, raised_at) instead of looking every ticket of the asset up in crm_ticket; it replaces the related-asset index of
-- schema 10, which it covers.

CREATE INDEX crm_ticket_asset_raised ON crm_ticket (related_asset_id, raised_at) WHERE related_asset_id IS NOT NULL;
DROP INDEX crm_ticket_related_asset;
