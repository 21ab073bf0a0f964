-- CrmCore SQLite schema 19: the company-name keys of names with characters beyond the basic plane. CompanyNameNormalizer.Key keeps
-- such a character now (𠮷野家 keys as 𠮷野家); before, it dropped its two surrogate halves (𠮷野家 had the key of 野家), so
-- crm_customer_key holds a stale name key for these customers (a lookup of their key misses, one of 野家 finds them) and, once the
-- similar-name index is on, crm_customer_name_gram holds the stale key's grams. The keys need C# to compute: the id keys of the
-- customers whose name holds a character from U+10000 to U+10FFFF are removed here, and the storage's key backfill, which rewrites the
-- keys of every customer without an id key (in pages, resumable, before the first key lookup), writes them again as a save does: the
-- stale name key and its grams out, the current ones in. Other customers' keys are left as they are (their keys did not change).
-- Running it again only makes the backfill rewrite the same keys.

DELETE FROM crm_customer_key
WHERE kind = 1 AND customer_id IN (SELECT id FROM crm_customer WHERE name GLOB '*[' || char(65536) || '-' || char(1114111) || ']*');
