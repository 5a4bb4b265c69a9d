-- 0009: each rejection of a portal import run, written in the same transaction as the batch it
-- belongs to, so a run killed at any moment has lost none and a rerun repeats none.
--
-- Before, a run held its rejections in memory only: a run resumed after a kill or a power cut
-- counted the records refused before the interruption (`import_runs.rejected`) but could neither
-- name them nor write them to its rejects file. Only rejections counted into a run's `rejected`
-- are kept; the check pass of a refused file writes nothing.
CREATE TABLE import_rejections (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES import_runs (id),
    record_index INTEGER NOT NULL,  -- the record's index in the file, from 1: the listing's order
    line         INTEGER NOT NULL,  -- the line it starts on (with the index, its location)
    field        TEXT NOT NULL,
    reason       TEXT NOT NULL
) STRICT;
CREATE INDEX import_rejections_run ON import_rejections (run_id, record_index);
