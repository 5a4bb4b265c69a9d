-- 0008: the birth-date index carries the names and the birth number, so matching a citizen by
-- name and birth date (the portal import, the counter's duplicate warning) reads the index alone.
--
-- Before, each of the dozens of citizens born on a day cost a seek into the table: at a million
-- cases, a portal import spent most of its time there (perf, `bench --import`).

DROP INDEX citizens_birth_date;
CREATE INDEX citizens_birth_date ON citizens (birth_date, family_name, given_name, birth_number);
