-- CrmCore SQLite schema 17 (blocks8; the lead renumbers at merge): the company-name grams. Every customer save now also writes its
-- name key's grams into crm_customer_key (kind 6, two characters each: every character with the next one, the last with '$'); a
-- similar-name lookup reads the customers of a few grams instead of a first-character block. Customers stored earlier get their grams
-- from the storage's key backfill, which writes the keys of every customer without an id key (in pages, resumable, before the first
-- key lookup): so the id keys of the customers that have a name key are removed here, and the backfill writes all their keys again.

DELETE FROM crm_customer_key
WHERE kind = 1 AND customer_id IN (SELECT customer_id FROM crm_customer_key WHERE kind = 4);
