-- The portal round trip (issue 5): what the portal said about a filing or booking beyond what the
-- case or booking keeps. An export writes each portal filing and booking back in the portal's own
-- shape, and that shape carries `submitted_at` (and, for a booking, whether the portal had verified
-- the citizen); until now only the import's own time was kept. The day of submission is also the
-- day a portal filing is received, from which its deadline runs.
-- `portal_submitted_at` is RFC 3339 UTC; NULL for cases and bookings not from the portal, and for
-- those imported before this migration (an export then writes `filed_at` / `created_at`).
ALTER TABLE cases ADD COLUMN portal_submitted_at TEXT;
ALTER TABLE appointments ADD COLUMN portal_submitted_at TEXT;
ALTER TABLE appointments ADD COLUMN portal_identified INTEGER NOT NULL DEFAULT 0 CHECK (portal_identified IN (0, 1));
