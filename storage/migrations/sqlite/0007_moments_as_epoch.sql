-- One format for every moment: epoch seconds (UTC) in INTEGER columns, as the later
-- tables (check-ins, tips, broadcasts) already store them. The first tables kept moments
-- as ISO-8601 text; each such column is replaced by an INTEGER one with the same name.
-- (ADD, fill, DROP, RENAME keeps the tables and their foreign keys in place.)

DROP INDEX clients_by_user;
DROP INDEX reflections_by_user;

ALTER TABLE users ADD COLUMN onboarded_at_s INTEGER;
ALTER TABLE users ADD COLUMN created_at_s INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN updated_at_s INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_seen_at_s INTEGER;
UPDATE users SET onboarded_at_s = unixepoch(onboarded_at), created_at_s = unixepoch(created_at),
                 updated_at_s = unixepoch(updated_at), last_seen_at_s = unixepoch(last_seen_at);
ALTER TABLE users DROP COLUMN onboarded_at;
ALTER TABLE users DROP COLUMN created_at;
ALTER TABLE users DROP COLUMN updated_at;
ALTER TABLE users DROP COLUMN last_seen_at;
ALTER TABLE users RENAME COLUMN onboarded_at_s TO onboarded_at;
ALTER TABLE users RENAME COLUMN created_at_s TO created_at;
ALTER TABLE users RENAME COLUMN updated_at_s TO updated_at;
ALTER TABLE users RENAME COLUMN last_seen_at_s TO last_seen_at;

ALTER TABLE clients ADD COLUMN last_contact_at_s INTEGER;
ALTER TABLE clients ADD COLUMN created_at_s INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN updated_at_s INTEGER NOT NULL DEFAULT 0;
UPDATE clients SET last_contact_at_s = unixepoch(last_contact_at),
                   created_at_s = unixepoch(created_at), updated_at_s = unixepoch(updated_at);
ALTER TABLE clients DROP COLUMN last_contact_at;
ALTER TABLE clients DROP COLUMN created_at;
ALTER TABLE clients DROP COLUMN updated_at;
ALTER TABLE clients RENAME COLUMN last_contact_at_s TO last_contact_at;
ALTER TABLE clients RENAME COLUMN created_at_s TO created_at;
ALTER TABLE clients RENAME COLUMN updated_at_s TO updated_at;

ALTER TABLE projects ADD COLUMN created_at_s INTEGER NOT NULL DEFAULT 0;
UPDATE projects SET created_at_s = unixepoch(created_at);
ALTER TABLE projects DROP COLUMN created_at;
ALTER TABLE projects RENAME COLUMN created_at_s TO created_at;

ALTER TABLE reflections ADD COLUMN started_at_s INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reflections ADD COLUMN completed_at_s INTEGER;
UPDATE reflections SET started_at_s = unixepoch(started_at),
                       completed_at_s = unixepoch(completed_at);
ALTER TABLE reflections DROP COLUMN started_at;
ALTER TABLE reflections DROP COLUMN completed_at;
ALTER TABLE reflections RENAME COLUMN started_at_s TO started_at;
ALTER TABLE reflections RENAME COLUMN completed_at_s TO completed_at;

ALTER TABLE fsm_state ADD COLUMN updated_at_s INTEGER NOT NULL DEFAULT 0;
UPDATE fsm_state SET updated_at_s = unixepoch(updated_at);
ALTER TABLE fsm_state DROP COLUMN updated_at;
ALTER TABLE fsm_state RENAME COLUMN updated_at_s TO updated_at;

CREATE INDEX clients_by_user ON clients (user_id, archived, last_contact_at);
CREATE INDEX reflections_by_user ON reflections (user_id, status, completed_at);
