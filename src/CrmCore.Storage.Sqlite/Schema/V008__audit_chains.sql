-- CrmCore SQLite schema 8: the audit trail as 16 chains (issue 16). Each record joins the chain of its entity and carries the hash of the
-- chain's previous record. Records written before this version stay in chain 0. SQLite serialises writers anyway (BEGIN IMMEDIATE).

ALTER TABLE crm_audit_log ADD COLUMN chain INTEGER NOT NULL DEFAULT 0;
CREATE INDEX crm_audit_log_chain ON crm_audit_log (chain, sequence);
