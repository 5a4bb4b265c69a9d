-- Tamper evidence (issue 12). The audit log, the case history and the payments were append-only by
-- triggers that an `INSERT OR REPLACE` slipped past (conflict resolution deletes the old row without
-- firing DELETE triggers), and nothing showed a row changed or removed once the triggers were gone.
--
-- Each row now carries `hash`: SHA-256 over a canonical encoding of the previous row's hash, the
-- table's name and every column of the row, id included, computed by `clerkdesk_chain()` (a function
-- the program registers on every connection; see src/store/chain.rs for the encoding). A row's hash
-- covers its predecessor's, so changing, removing or inserting any row breaks every link after it,
-- and `clerkdesk check` / `clerkdesk audit verify` name the first broken row.
--
-- The guard triggers run BEFORE INSERT, before conflict resolution: a row must take the next id
-- (so a REPLACE of an existing id, and a gap, are refused) and carry the right hash (so a forged
-- insert, or one from a `sqlite3` shell that has no `clerkdesk_chain()`, is refused too). A
-- payment may not reuse a receipt number (the UNIQUE conflict a REPLACE would resolve by deleting
-- the older payment). UPDATE and DELETE stay refused.

DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER case_history_no_update;
DROP TRIGGER case_history_no_delete;
DROP TRIGGER payments_no_update;
DROP TRIGGER payments_no_delete;

ALTER TABLE audit_log ADD COLUMN hash BLOB;
ALTER TABLE case_history ADD COLUMN hash BLOB;
ALTER TABLE payments ADD COLUMN hash BLOB;

-- The rows already there are chained in id order. The recursive walk goes from each row to the
-- next id present, one index seek a step; the results go through a keyed table, so the UPDATE
-- finds each row's hash by id, dropped at the end. Not a TEMP table: the temporary database it
-- would open keeps the connection from changing `temp_store` later, which a bulk load does.
CREATE TABLE chain_fill (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);

INSERT INTO chain_fill (id, hash)
WITH RECURSIVE c (id, hash) AS (
    SELECT t.id, clerkdesk_chain('audit_log', NULL, t.id, t.at, t.user_id, t.actor, t.action, t.entity,
                                 t.entity_id, t.detail, t.reason)
    FROM audit_log t WHERE t.id = (SELECT min(id) FROM audit_log)
    UNION ALL
    SELECT t.id, clerkdesk_chain('audit_log', c.hash, t.id, t.at, t.user_id, t.actor, t.action, t.entity,
                                 t.entity_id, t.detail, t.reason)
    FROM c JOIN audit_log t ON t.id = (SELECT min(id) FROM audit_log WHERE id > c.id)
)
SELECT id, hash FROM c;
UPDATE audit_log SET hash = (SELECT f.hash FROM chain_fill f WHERE f.id = audit_log.id);
DELETE FROM chain_fill;

INSERT INTO chain_fill (id, hash)
WITH RECURSIVE c (id, hash) AS (
    SELECT t.id, clerkdesk_chain('case_history', NULL, t.id, t.case_id, t.at, t.user_id, t.event,
                                 t.from_status, t.to_status, t.detail, t.reason)
    FROM case_history t WHERE t.id = (SELECT min(id) FROM case_history)
    UNION ALL
    SELECT t.id, clerkdesk_chain('case_history', c.hash, t.id, t.case_id, t.at, t.user_id, t.event,
                                 t.from_status, t.to_status, t.detail, t.reason)
    FROM c JOIN case_history t ON t.id = (SELECT min(id) FROM case_history WHERE id > c.id)
)
SELECT id, hash FROM c;
UPDATE case_history SET hash = (SELECT f.hash FROM chain_fill f WHERE f.id = case_history.id);
DELETE FROM chain_fill;

INSERT INTO chain_fill (id, hash)
WITH RECURSIVE c (id, hash) AS (
    SELECT t.id, clerkdesk_chain('payments', NULL, t.id, t.claim_id, t.amount_czk, t.method,
                                 t.receipt_number, t.paid_at, t.user_id)
    FROM payments t WHERE t.id = (SELECT min(id) FROM payments)
    UNION ALL
    SELECT t.id, clerkdesk_chain('payments', c.hash, t.id, t.claim_id, t.amount_czk, t.method,
                                 t.receipt_number, t.paid_at, t.user_id)
    FROM c JOIN payments t ON t.id = (SELECT min(id) FROM payments WHERE id > c.id)
)
SELECT id, hash FROM c;
UPDATE payments SET hash = (SELECT f.hash FROM chain_fill f WHERE f.id = payments.id);
DROP TABLE chain_fill;

CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log
WHEN new.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log)
  OR new.hash IS NOT clerkdesk_chain('audit_log', (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                                     new.id, new.at, new.user_id, new.actor, new.action, new.entity,
                                     new.entity_id, new.detail, new.reason)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: a line takes the next id and its chained hash');
END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER case_history_append BEFORE INSERT ON case_history
WHEN new.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM case_history)
  OR new.hash IS NOT clerkdesk_chain('case_history', (SELECT hash FROM case_history ORDER BY id DESC LIMIT 1),
                                     new.id, new.case_id, new.at, new.user_id, new.event, new.from_status,
                                     new.to_status, new.detail, new.reason)
BEGIN
    SELECT RAISE(ABORT, 'case_history is append-only: an event takes the next id and its chained hash');
END;
CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history BEGIN
    SELECT RAISE(ABORT, 'case_history is append-only');
END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history BEGIN
    SELECT RAISE(ABORT, 'case_history is append-only');
END;

CREATE TRIGGER payments_append BEFORE INSERT ON payments
WHEN new.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM payments)
  OR new.hash IS NOT clerkdesk_chain('payments', (SELECT hash FROM payments ORDER BY id DESC LIMIT 1),
                                     new.id, new.claim_id, new.amount_czk, new.method, new.receipt_number,
                                     new.paid_at, new.user_id)
  OR EXISTS (SELECT 1 FROM payments WHERE receipt_number = new.receipt_number)
BEGIN
    SELECT RAISE(ABORT, 'payments are append-only: a payment takes the next id, its chained hash and a new receipt number');
END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are append-only');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are append-only');
END;
