-- CrmCore SQLite schema 15: crm_queue_change is pruned. Each change that takes a number divisible by the prune step deletes the changes
-- older than the configured retention (SqliteStorageOptions.QueueChangeRetention) and records the last number deleted here; a desk whose
-- last seen number is below it can no longer learn what changed from the rows left, and rebuilds its queue from crm_queue instead.

ALTER TABLE crm_queue_clock ADD COLUMN pruned_through INTEGER NOT NULL DEFAULT 0;
