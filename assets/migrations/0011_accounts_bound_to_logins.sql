-- 0011: who acts is an authenticated account (issue 12), and logins are throttled.
--
-- Until now the command line trusted $USER and acted as any account named with --as; now it acts
-- as the account bound to the caller's real Unix uid (or one whose password is typed), so an
-- account records the uid of the Unix login it belongs to: at most one account per uid, and an
-- account without one (NULL) is used only through the workstation's login or --user.
--
-- Password guessing is slowed and stopped: login_throttle holds, per account name (known or not,
-- so a name's existence cannot be probed) and per terminal, the failed attempts since the last
-- success, the instant before which a further attempt is refused, and when an account name was
-- locked (after `login.lockout_after` failures; `user unlock` lifts it).

ALTER TABLE users ADD COLUMN unix_uid INTEGER CHECK (unix_uid IS NULL OR unix_uid >= 0);
CREATE UNIQUE INDEX users_unix_uid ON users (unix_uid) WHERE unix_uid IS NOT NULL;

CREATE TABLE login_throttle (
    key        TEXT PRIMARY KEY,          -- 'account:NAME' or 'terminal:/dev/pts/3'
    failures   INTEGER NOT NULL CHECK (failures >= 0),
    not_before TEXT NOT NULL,             -- RFC 3339 UTC; attempts before it are refused unchecked
    locked_at  TEXT                       -- set for an account locked out; NULL otherwise
) STRICT;
