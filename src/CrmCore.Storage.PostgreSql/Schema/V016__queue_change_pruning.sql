-- CrmCore PostgreSQL schema 16: queue_change is pruned. Each change that takes a number divisible by the prune step deletes the changes
-- older than the configured retention (PostgreSqlStorageOptions.QueueChangeRetention) and records the last number deleted here; a desk
-- whose last seen number is below it can no longer learn what changed from the rows left, and rebuilds its queue from queue instead.

ALTER TABLE {schema}.queue_clock ADD COLUMN pruned_through bigint NOT NULL DEFAULT 0;
