-- The portal import (issue 5, inbound): every run of `clerkdesk import portal`, and every portal
-- record it imported, so the same file twice changes nothing and a killed run resumes.

-- One run: the file (by SHA-256), how far it got, and what it did. Counts and `records_done` are
-- updated in the same transaction as each batch, so a run killed at any moment says exactly
-- which records are in.
CREATE TABLE import_runs (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,           -- the file's name as given, '-' for stdin
    file_sha256  TEXT NOT NULL,
    format       TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'refused', 'stopped')),
    records_done INTEGER NOT NULL DEFAULT 0,  -- the index of the last record of the last batch
    new          INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    actor        TEXT NOT NULL
) STRICT;
CREATE INDEX import_runs_file ON import_runs (file_sha256, status);

-- One portal record as last imported: its content hash tells an unchanged record from a changed
-- one; the case's version and last history event at import tell whether the office changed the
-- case since (then a change from the portal is a conflict, not an update).
CREATE TABLE portal_imports (
    kind            TEXT NOT NULL CHECK (kind IN ('filing', 'booking')),
    portal_id       TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    case_id         INTEGER REFERENCES cases (id),
    appointment_id  INTEGER REFERENCES appointments (id),
    case_version    INTEGER,
    last_history_id INTEGER,
    run_id          INTEGER REFERENCES import_runs (id),  -- NULL only inside a rolled-back check
    imported_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (kind, portal_id)
) STRICT;
