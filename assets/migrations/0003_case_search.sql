-- 0003: finding cases as the clerk types, and the indexes the case list's filters need at a
-- million cases.
--
-- The words a clerk remembers about a case are spread over three tables: the citizen's name
-- (citizens), the subject and the filing note (cases), and notes added later (case_history rows
-- with event 'note'). An FTS5 index needs them in one row, and an external-content index needs a
-- real table it can re-read on 'rebuild' (after a bulk load that bypassed the sync). So
-- `case_search` holds one denormalised row per case, kept in step by the triggers below inside the
-- filing's own transaction, and `case_fts` indexes it. Reference numbers are matched as fragments
-- ("00042", "2026/OS") by a trigram index over `cases` itself.

CREATE TABLE case_search (
    id      INTEGER PRIMARY KEY REFERENCES cases (id),
    citizen TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    notes   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE VIRTUAL TABLE case_fts USING fts5 (
    citizen, subject, notes,
    content = 'case_search', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE case_ref_tri USING fts5 (
    reference_number,
    content = 'cases', content_rowid = 'id', tokenize = 'trigram'
);

-- case_search -> case_fts
CREATE TRIGGER case_search_ai AFTER INSERT ON case_search BEGIN
    INSERT INTO case_fts (rowid, citizen, subject, notes) VALUES (new.id, new.citizen, new.subject, new.notes);
END;
CREATE TRIGGER case_search_ad AFTER DELETE ON case_search BEGIN
    INSERT INTO case_fts (case_fts, rowid, citizen, subject, notes)
        VALUES ('delete', old.id, old.citizen, old.subject, old.notes);
END;
CREATE TRIGGER case_search_au AFTER UPDATE ON case_search BEGIN
    INSERT INTO case_fts (case_fts, rowid, citizen, subject, notes)
        VALUES ('delete', old.id, old.citizen, old.subject, old.notes);
    INSERT INTO case_fts (rowid, citizen, subject, notes) VALUES (new.id, new.citizen, new.subject, new.notes);
END;

-- cases, citizens, case_history -> case_search and case_ref_tri
CREATE TRIGGER cases_search_ai AFTER INSERT ON cases BEGIN
    INSERT INTO case_search (id, citizen, subject, notes) VALUES (
        new.id,
        coalesce((SELECT given_name || ' ' || family_name FROM citizens WHERE id = new.citizen_id), ''),
        new.subject,
        new.note);
    INSERT INTO case_ref_tri (rowid, reference_number) VALUES (new.id, new.reference_number);
END;
CREATE TRIGGER cases_search_au AFTER UPDATE OF citizen_id, subject, note ON cases BEGIN
    UPDATE case_search SET
        citizen = coalesce((SELECT given_name || ' ' || family_name FROM citizens WHERE id = new.citizen_id), ''),
        subject = new.subject,
        -- the filing note leads; later notes follow it (see case_history_note_ai)
        notes = new.note || substr(notes, length(old.note) + 1)
    WHERE id = new.id;
END;
CREATE TRIGGER cases_ref_au AFTER UPDATE OF reference_number ON cases BEGIN
    INSERT INTO case_ref_tri (case_ref_tri, rowid, reference_number) VALUES ('delete', old.id, old.reference_number);
    INSERT INTO case_ref_tri (rowid, reference_number) VALUES (new.id, new.reference_number);
END;
CREATE TRIGGER case_history_note_ai AFTER INSERT ON case_history WHEN new.event = 'note' AND new.detail <> '' BEGIN
    UPDATE case_search SET notes = notes || char(10) || new.detail WHERE id = new.case_id;
END;
CREATE TRIGGER citizens_search_au AFTER UPDATE OF given_name, family_name ON citizens BEGIN
    UPDATE case_search SET citizen = new.given_name || ' ' || new.family_name
    WHERE id IN (SELECT id FROM cases WHERE citizen_id = new.id);
END;

-- Everything already filed.
INSERT INTO case_search (id, citizen, subject, notes)
SELECT c.id,
       coalesce(z.given_name || ' ' || z.family_name, ''),
       c.subject,
       c.note || coalesce((SELECT group_concat(char(10) || h.detail, '') FROM case_history h
                           WHERE h.case_id = c.id AND h.event = 'note' AND h.detail <> ''), '')
FROM cases c LEFT JOIN citizens z ON z.id = c.citizen_id;
INSERT INTO case_ref_tri (case_ref_tri) VALUES ('rebuild');

-- The case list's filters, newest first: with equality on the leading column the rows come in id
-- order, so "my department, newest first" reads one page of the index instead of sorting.
CREATE INDEX cases_department ON cases (department_id);
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_situation ON cases (situation_id);
-- The watchdog: status changes of identified portal filers; fees that fell due.
CREATE INDEX cases_portal_identified ON cases (id) WHERE portal_identified = 1;
CREATE INDEX fee_claims_due ON fee_claims (due_on);
