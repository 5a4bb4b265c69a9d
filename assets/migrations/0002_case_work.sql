-- 0002: working a case. The deadline clock's suspensions, the complex-case extension, the
-- outcome and forwarding, attachments (recorded, not stored), links between cases, fee claims with
-- their payments, and the watchdog's outbox for the portal bridge.

-- The statutory period the deadline counts (taken from the life situation when filed, so a later
-- catalogue change does not move deadlines of cases already filed).
ALTER TABLE cases ADD COLUMN period_days INTEGER NOT NULL DEFAULT 30 CHECK (period_days >= 0);
-- A complex case gets +30 days (správní řád §71(3)(a)).
ALTER TABLE cases ADD COLUMN complex INTEGER NOT NULL DEFAULT 0 CHECK (complex IN (0, 1));
ALTER TABLE cases ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
-- The authority a case was forwarded to (not our competence).
ALTER TABLE cases ADD COLUMN forwarded_to TEXT NOT NULL DEFAULT '';
-- The portal's id of an online filing, and whether its filer is an identified (eID) portal user:
-- only they are told the state of their case.
ALTER TABLE cases ADD COLUMN portal_id TEXT;
ALTER TABLE cases ADD COLUMN portal_identified INTEGER NOT NULL DEFAULT 0 CHECK (portal_identified IN (0, 1));
CREATE UNIQUE INDEX cases_portal_id ON cases (portal_id) WHERE portal_id IS NOT NULL;
CREATE INDEX cases_status_deadline ON cases (status, deadline);

-- Each period the deadline clock stood still: from the day it stopped to the day the obstacle
-- ended (inclusive); `to_date` is NULL while the case is suspended.
CREATE TABLE case_suspensions (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases (id),
    from_date TEXT NOT NULL,
    to_date   TEXT,
    reason    TEXT NOT NULL,
    CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE INDEX case_suspensions_case ON case_suspensions (case_id);
CREATE UNIQUE INDEX case_suspensions_open ON case_suspensions (case_id) WHERE to_date IS NULL;

CREATE TABLE case_links (
    case_id   INTEGER NOT NULL REFERENCES cases (id),
    linked_id INTEGER NOT NULL REFERENCES cases (id),
    at        TEXT NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (case_id, linked_id),
    CHECK (case_id <> linked_id)
) STRICT;

-- What the citizen handed over, by name, size and SHA-256; the documents themselves stay on paper
-- or in the document system.
CREATE TABLE attachments (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases (id),
    name     TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    size     INTEGER NOT NULL CHECK (size >= 0),
    sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at TEXT NOT NULL,
    added_by INTEGER NOT NULL REFERENCES users (id)
) STRICT;
CREATE INDEX attachments_case ON attachments (case_id);

-- What a citizen owes for a case, and what they paid. Money is append-only: a wrong payment is
-- corrected by a new line, never by changing one.
CREATE TABLE fee_claims (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    amount_czk INTEGER NOT NULL CHECK (amount_czk > 0),
    due_on     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX fee_claims_case ON fee_claims (case_id);

CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    claim_id       INTEGER NOT NULL REFERENCES fee_claims (id),
    amount_czk     INTEGER NOT NULL CHECK (amount_czk <> 0),
    method         TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer')),
    receipt_number TEXT NOT NULL UNIQUE,
    paid_at        TEXT NOT NULL,
    user_id        INTEGER NOT NULL REFERENCES users (id)
) STRICT;
CREATE INDEX payments_claim ON payments (claim_id);
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are append-only');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN
    SELECT RAISE(ABORT, 'payments are append-only');
END;

-- Notices the watchdog generates for the portal bridge to export. `key` names what the notice is
-- about (e.g. 'status:42:17' or 'deadline:42:2026-11-27'), so generating it twice is impossible.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('status_changed', 'deadline_near', 'overdue', 'fee_due',
                   'appointment_reminder')),
    case_id    INTEGER REFERENCES cases (id),
    recipient  TEXT NOT NULL,        -- 'citizen:<id>', 'user:<id>' or 'department:<code>'
    payload    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    created_at TEXT NOT NULL,
    exported_at TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (exported_at, id);
