-- Appointments: the plan (booking rules per service, counters and officials with their week,
-- closures), the bookings, the cells they hold, their history and the waiting list.
--
-- No double booking is a property of the store, not of the code that books: a booking holds one
-- row per 5-minute cell of its time (duration plus buffer) at its resource, and (resource, cell,
-- seat) is the primary key of those rows. Two bookings can hold the same seat of a resource at
-- the same time only if SQLite breaks its own primary key. A trigger keeps seats below the
-- resource's capacity.

CREATE TABLE appt_services (
    service_id     INTEGER PRIMARY KEY REFERENCES services (id),
    capacity       INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 100),
    min_notice_min INTEGER NOT NULL DEFAULT 0 CHECK (min_notice_min >= 0),
    max_days_ahead INTEGER NOT NULL DEFAULT 60 CHECK (max_days_ahead BETWEEN 1 AND 730),
    buffer_min     INTEGER NOT NULL DEFAULT 0 CHECK (buffer_min >= 0 AND buffer_min % 5 = 0),
    opens_filing   INTEGER NOT NULL DEFAULT 0 CHECK (opens_filing IN (0, 1))
) STRICT;

CREATE TABLE appt_resources (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('counter', 'official')),
    official_id INTEGER REFERENCES officials (id),
    user_id     INTEGER REFERENCES users (id),
    capacity    INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 100),
    -- The working week as JSON: seven arrays (Monday first) of [start, end] minutes.
    week        TEXT NOT NULL DEFAULT '[[],[],[],[],[],[],[]]' CHECK (json_valid(week)),
    position    INTEGER NOT NULL DEFAULT 0,
    -- A resource left out of a new plan is deactivated, not deleted: bookings refer to it.
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE appt_resource_services (
    resource_id INTEGER NOT NULL REFERENCES appt_resources (id),
    service_id  INTEGER NOT NULL REFERENCES services (id),
    PRIMARY KEY (resource_id, service_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE appt_closures (
    id          INTEGER PRIMARY KEY,
    resource_id INTEGER REFERENCES appt_resources (id),   -- NULL: the whole office
    from_date   TEXT NOT NULL,
    to_date     TEXT NOT NULL CHECK (to_date >= from_date),
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE appointments (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    service_id    INTEGER NOT NULL REFERENCES services (id),
    resource_id   INTEGER NOT NULL REFERENCES appt_resources (id),
    citizen_id    INTEGER NOT NULL REFERENCES citizens (id),
    start_at      TEXT NOT NULL,            -- RFC 3339 UTC
    end_at        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'served', 'no_show', 'cancelled')),
    channel       TEXT NOT NULL,
    meeting_url   TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    case_id       INTEGER REFERENCES cases (id),
    portal_id     TEXT,
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES users (id),
    checked_in_at TEXT,
    version       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX appointments_resource_start ON appointments (resource_id, start_at);
CREATE INDEX appointments_start ON appointments (start_at);
CREATE INDEX appointments_citizen ON appointments (citizen_id, start_at);
CREATE UNIQUE INDEX appointments_portal_id ON appointments (portal_id) WHERE portal_id IS NOT NULL;

-- The time a booking holds. Deleted when the booking is cancelled or moved; the booking and its
-- history stay.
CREATE TABLE appt_cells (
    resource_id    INTEGER NOT NULL REFERENCES appt_resources (id),
    cell           INTEGER NOT NULL,        -- Unix time / 300
    seat           INTEGER NOT NULL CHECK (seat >= 0),
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    PRIMARY KEY (resource_id, cell, seat)
) STRICT, WITHOUT ROWID;
CREATE INDEX appt_cells_appointment ON appt_cells (appointment_id);

CREATE TRIGGER appt_cells_seat_within_capacity BEFORE INSERT ON appt_cells
WHEN NEW.seat >= (SELECT capacity FROM appt_resources WHERE id = NEW.resource_id)
BEGIN
    SELECT RAISE(ABORT, 'appointment seat beyond the resource capacity');
END;

CREATE TABLE appt_history (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id),
    at             TEXT NOT NULL,
    user_id        INTEGER REFERENCES users (id),
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    from_status    TEXT,
    to_status      TEXT,
    detail         TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX appt_history_appointment ON appt_history (appointment_id, id);

CREATE TRIGGER appt_history_no_update BEFORE UPDATE ON appt_history
BEGIN
    SELECT RAISE(ABORT, 'appt_history is append-only');
END;
CREATE TRIGGER appt_history_no_delete BEFORE DELETE ON appt_history
BEGIN
    SELECT RAISE(ABORT, 'appt_history is append-only');
END;

-- Citizens waiting for a day (or any day, day NULL) of a service; a cancellation offers the freed
-- slot to the first of them.
CREATE TABLE appt_waitlist (
    id             INTEGER PRIMARY KEY,
    service_id     INTEGER NOT NULL REFERENCES services (id),
    day            TEXT,
    citizen_id     INTEGER NOT NULL REFERENCES citizens (id),
    note           TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'booked', 'removed')),
    offered_start  TEXT,
    offered_resource_id INTEGER REFERENCES appt_resources (id),
    appointment_id INTEGER REFERENCES appointments (id),
    created_at     TEXT NOT NULL,
    created_by     INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX appt_waitlist_service ON appt_waitlist (service_id, status, id);
