-- 0007: a bulk import indexes a batch's new cases and citizens for search once, at the end of the
-- batch's transaction, instead of row by row.
--
-- FTS5 flushes its pending terms to disk whenever a statement opens a statement journal inside
-- the transaction, and every insert into a table with triggers does: filed row by row, a batch of
-- a thousand filings wrote a thousand tiny index segments and merged them (a third of an import's
-- time). So the two triggers that index new rows skip them while `meta` holds the key
-- 'index_deferred'. A bulk import's batch writes that key first thing in its transaction and
-- deletes it before it commits, after indexing every row it inserted in one statement per index
-- (store/bulk_index.rs). The batch holds the write lock (BEGIN IMMEDIATE) and the key is never
-- committed, so every other writer (a clerk, the sqlite3 shell) indexes at once as before, and
-- nobody sees a batch's rows before they are indexed: they commit together.

DROP TRIGGER cases_search_ai;
CREATE TRIGGER cases_search_ai AFTER INSERT ON cases WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'index_deferred') BEGIN
    INSERT INTO case_search (id, citizen, subject, notes) VALUES (
        new.id,
        coalesce((SELECT given_name || ' ' || family_name FROM citizens WHERE id = new.citizen_id), ''),
        new.subject,
        new.note);
    INSERT INTO case_ref_tri (rowid, reference_number) VALUES (new.id, new.reference_number);
END;

DROP TRIGGER citizens_ai;
CREATE TRIGGER citizens_ai AFTER INSERT ON citizens WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'index_deferred') BEGIN
    INSERT INTO citizens_fts (rowid, given_name, family_name, street, city)
        VALUES (new.id, new.given_name, new.family_name, new.street, new.city);
    INSERT INTO citizens_tri (rowid, birth_number, phone) VALUES (new.id, new.birth_number, new.phone);
END;
