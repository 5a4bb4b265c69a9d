-- 0001: the foundation. The catalogue (departments, officials, life situations, appointment
-- services), clerk accounts, citizens, cases with their reference numbers and an append-only
-- history, and the audit log. Later migrations add appointments, calls, fees and portal exchange.

PRAGMA application_id = 1129073476; -- 'CLKD': tells a clerkdesk store from any other SQLite file

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The offices that file into this store: usually one; a detached workplace with its own
-- designation keeps its own series of reference numbers. A row is made from the configuration
-- the first time an office files.
CREATE TABLE offices (
    id          INTEGER PRIMARY KEY,
    designation TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL
) STRICT;

CREATE TABLE departments (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name_cs TEXT NOT NULL,
    name_en TEXT NOT NULL,
    name_uk TEXT NOT NULL,
    room    TEXT NOT NULL DEFAULT '',
    phone   TEXT NOT NULL DEFAULT '',
    email   TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('counter_clerk', 'hotline_operator',
                      'department_official', 'supervisor', 'administrator')),
    password_hash TEXT NOT NULL,
    department_id INTEGER REFERENCES departments (id),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE officials (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments (id),
    position_cs   TEXT NOT NULL,
    position_en   TEXT NOT NULL,
    position_uk   TEXT NOT NULL,
    room          TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE INDEX officials_department ON officials (department_id);

CREATE TABLE services (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name_cs       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    name_uk       TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments (id),
    duration_min  INTEGER NOT NULL CHECK (duration_min > 0),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

-- Nested parts (documents per language, form fields) are JSON: they are read whole, never queried.
CREATE TABLE situations (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name_cs        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    name_uk        TEXT NOT NULL,
    description_cs TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    description_uk TEXT NOT NULL DEFAULT '',
    department_id  INTEGER NOT NULL REFERENCES departments (id),
    fee_czk        INTEGER NOT NULL DEFAULT 0 CHECK (fee_czk >= 0),
    fee_note_cs    TEXT NOT NULL DEFAULT '',
    fee_note_en    TEXT NOT NULL DEFAULT '',
    fee_note_uk    TEXT NOT NULL DEFAULT '',
    deadline_days  INTEGER NOT NULL CHECK (deadline_days >= 0),
    documents      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(documents)),
    fields         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields)),
    service_id     INTEGER REFERENCES services (id),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE citizens (
    id           INTEGER PRIMARY KEY,
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    birth_date   TEXT NOT NULL,             -- ISO 8601 date
    birth_number TEXT UNIQUE,               -- digits only; NULL when not known
    phone        TEXT NOT NULL DEFAULT '',  -- E.164
    email        TEXT NOT NULL DEFAULT '',
    street       TEXT NOT NULL DEFAULT '',
    city         TEXT NOT NULL DEFAULT '',
    postcode     TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX citizens_birth_date ON citizens (birth_date);
CREATE INDEX citizens_phone ON citizens (phone);

-- Words of names and addresses, diacritics-insensitive; and trigrams for fragments of birth
-- numbers and phone numbers. Both index the citizens table (external content).
CREATE VIRTUAL TABLE citizens_fts USING fts5 (
    given_name, family_name, street, city,
    content = 'citizens', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE citizens_tri USING fts5 (
    birth_number, phone,
    content = 'citizens', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER citizens_ai AFTER INSERT ON citizens BEGIN
    INSERT INTO citizens_fts (rowid, given_name, family_name, street, city)
        VALUES (new.id, new.given_name, new.family_name, new.street, new.city);
    INSERT INTO citizens_tri (rowid, birth_number, phone) VALUES (new.id, new.birth_number, new.phone);
END;
CREATE TRIGGER citizens_ad AFTER DELETE ON citizens BEGIN
    INSERT INTO citizens_fts (citizens_fts, rowid, given_name, family_name, street, city)
        VALUES ('delete', old.id, old.given_name, old.family_name, old.street, old.city);
    INSERT INTO citizens_tri (citizens_tri, rowid, birth_number, phone)
        VALUES ('delete', old.id, old.birth_number, old.phone);
END;
CREATE TRIGGER citizens_au AFTER UPDATE ON citizens BEGIN
    INSERT INTO citizens_fts (citizens_fts, rowid, given_name, family_name, street, city)
        VALUES ('delete', old.id, old.given_name, old.family_name, old.street, old.city);
    INSERT INTO citizens_tri (citizens_tri, rowid, birth_number, phone)
        VALUES ('delete', old.id, old.birth_number, old.phone);
    INSERT INTO citizens_fts (rowid, given_name, family_name, street, city)
        VALUES (new.id, new.given_name, new.family_name, new.street, new.city);
    INSERT INTO citizens_tri (rowid, birth_number, phone) VALUES (new.id, new.birth_number, new.phone);
END;

-- The gap-free sequence of reference numbers, one per office and year. It is advanced in the
-- same transaction that inserts the case, so a rolled-back filing leaves no gap.
CREATE TABLE ref_sequences (
    office_id INTEGER NOT NULL REFERENCES offices (id),
    year      INTEGER NOT NULL,
    last      INTEGER NOT NULL CHECK (last >= 0),
    PRIMARY KEY (office_id, year)
) STRICT;

CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    reference_number TEXT NOT NULL UNIQUE,
    office_id        INTEGER NOT NULL REFERENCES offices (id),
    ref_year         INTEGER NOT NULL,
    ref_seq          INTEGER NOT NULL,
    citizen_id       INTEGER REFERENCES citizens (id),
    situation_id     INTEGER NOT NULL REFERENCES situations (id),
    department_id    INTEGER NOT NULL REFERENCES departments (id),
    assignee_id      INTEGER REFERENCES users (id),
    status           TEXT NOT NULL CHECK (status IN ('received', 'assigned', 'in_progress',
                         'suspended', 'resolved', 'closed', 'withdrawn', 'forwarded')),
    channel          TEXT NOT NULL CHECK (channel IN ('counter', 'phone', 'post', 'email',
                         'data_box', 'portal')),
    subject          TEXT NOT NULL DEFAULT '',
    form_data        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(form_data)),
    note             TEXT NOT NULL DEFAULT '',
    filed_at         TEXT NOT NULL,          -- UTC instant, RFC 3339
    filed_by         INTEGER NOT NULL REFERENCES users (id),
    received_on      TEXT NOT NULL,          -- office date that starts the deadline
    deadline         TEXT,                   -- office date; NULL while the clock is suspended
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    UNIQUE (office_id, ref_year, ref_seq)
) STRICT;
CREATE INDEX cases_citizen ON cases (citizen_id);
CREATE INDEX cases_department_status ON cases (department_id, status);
CREATE INDEX cases_assignee ON cases (assignee_id);
CREATE INDEX cases_deadline ON cases (deadline);

CREATE TABLE case_history (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    at          TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    event       TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    detail      TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_history_case ON case_history (case_id, id);
CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history BEGIN
    SELECT RAISE(ABORT, 'case_history is append-only');
END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history BEGIN
    SELECT RAISE(ABORT, 'case_history is append-only');
END;

-- Who did what, when and why. The database itself refuses to change or remove a line.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES users (id),
    actor     TEXT NOT NULL,      -- the username, or 'cli:<os user>' for administrator commands
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL DEFAULT '',
    entity_id TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '',
    reason    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
