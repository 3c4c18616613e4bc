-- The hour (local) at which check-ins without a chosen time are delivered.
ALTER TABLE users ADD COLUMN checkin_hour INTEGER NOT NULL DEFAULT 10
    CHECK (checkin_hour BETWEEN 0 AND 23);

-- "Keep in touch every N weeks/months": counted from the last real contact.
ALTER TABLE clients ADD COLUMN cadence_unit TEXT CHECK (cadence_unit IN ('week', 'month'));
ALTER TABLE clients ADD COLUMN cadence_n INTEGER CHECK (cadence_n BETWEEN 1 AND 24);

-- Check-ins are due rows; APScheduler only wakes the dispatcher that claims them.
-- local_due is the wall-clock time the user meant (in their zone), so a zone change or
-- daylight saving never moves 10:00 away from 10:00; due_at is that moment in UTC
-- (epoch seconds, for fast ordering). base_day anchors a recurring check-in, so a snooze
-- does not shift the cadence.
CREATE TABLE checkins (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    project_id   INTEGER REFERENCES projects (id) ON DELETE SET NULL,
    local_due    TEXT    NOT NULL,
    time_chosen  INTEGER NOT NULL DEFAULT 0 CHECK (time_chosen IN (0, 1)),
    due_at       INTEGER NOT NULL,
    recurring    INTEGER NOT NULL DEFAULT 0 CHECK (recurring IN (0, 1)),
    base_day     TEXT,
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'done', 'skipped',
                                   'failed', 'cancelled')),
    claimed_at   INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    sent_at      INTEGER,
    late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    outcome      TEXT CHECK (outcome IN ('replied', 'new_order', 'no_answer', 'not_relevant')),
    note         TEXT,
    finished_at  INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX checkins_due ON checkins (status, due_at);
CREATE INDEX checkins_by_user ON checkins (user_id, status, due_at);
CREATE INDEX checkins_by_client ON checkins (client_id, status);

-- Every real contact with a client: from a check-in, "I contacted them", or a project.
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    happened_on  TEXT    NOT NULL,
    source       TEXT    NOT NULL CHECK (source IN ('checkin', 'manual', 'project')),
    created_at   INTEGER NOT NULL
);
CREATE INDEX contacts_by_client ON contacts (user_id, client_id, happened_on);
