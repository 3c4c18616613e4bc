-- What the client's number is now, as the freelancer typed it after the project (from a
-- check-in reminder or the client's card). `text` is kept as typed; `value` is the number
-- read from it, NULL when there is none ("don't know"). read_on is the user's local day.
CREATE TABLE metric_readings (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    text        TEXT    NOT NULL,
    value       REAL,
    percent     INTEGER NOT NULL DEFAULT 0 CHECK (percent IN (0, 1)),
    read_on     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX metric_readings_by_project ON metric_readings (user_id, project_id, created_at);
