-- 0010: an update of a citizen that a bulk batch inserted earlier in its own transaction leaves
-- the search indexes to the batch's end, like the insert did.
--
-- Since 0007 a bulk batch indexes the citizens it inserts at its end (store/bulk_index.rs), so
-- until then such a citizen is in no full-text index; an update (a portal filing of the same
-- person later in the batch, with new contact details) made citizens_au remove the old values
-- from indexes that never had them, which damages an external-content FTS5 index. While `meta`
-- holds 'index_deferred', its value is the highest citizen id before the batch began: the trigger
-- skips the citizens above it, and the batch's end indexes them as they are then. Every other
-- update, and every update outside a bulk batch, is indexed at once as before.

DROP TRIGGER citizens_au;
CREATE TRIGGER citizens_au AFTER UPDATE ON citizens
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'index_deferred' AND old.id > CAST(value AS INTEGER))
BEGIN
    INSERT INTO citizens_fts (citizens_fts, rowid, given_name, family_name, street, city)
        VALUES ('delete', old.id, old.given_name, old.family_name, old.street, old.city);
    INSERT INTO citizens_tri (citizens_tri, rowid, birth_number, phone)
        VALUES ('delete', old.id, old.birth_number, old.phone);
    INSERT INTO citizens_fts (rowid, given_name, family_name, street, city)
        VALUES (new.id, new.given_name, new.family_name, new.street, new.city);
    INSERT INTO citizens_tri (rowid, birth_number, phone) VALUES (new.id, new.birth_number, new.phone);
END;
