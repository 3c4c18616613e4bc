-- A project at its start: the client's real goal, the number that shows it (today's value
-- and the value the client would call a success), when the work should end, and the
-- partner checks made before it began. `project_id` is set when /done records the
-- finished project; until then the kickoff is active. ends_on is the user's local day.
CREATE TABLE kickoffs (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    project_id  INTEGER UNIQUE REFERENCES projects (id) ON DELETE SET NULL,
    title       TEXT    NOT NULL,
    goal        TEXT    NOT NULL CHECK (goal IN ('sales', 'leads', 'traffic', 'savings', 'other')),
    goal_note   TEXT,
    metric      TEXT,
    baseline    TEXT,
    target      TEXT,
    ends_on     TEXT    NOT NULL,
    budget_fit  TEXT    NOT NULL CHECK (budget_fit IN ('fits', 'smaller', 'unsure')),
    red_flags   TEXT,
    address     TEXT    NOT NULL DEFAULT 'formal' CHECK (address IN ('formal', 'informal')),
    status      TEXT    NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'finished', 'dropped')),
    created_at  INTEGER NOT NULL,
    finished_at INTEGER
);
CREATE INDEX kickoffs_by_user ON kickoffs (user_id, status, ends_on);

-- Nudges for the early trust actions the freelancer chose at kickoff (a call, a written
-- confirmation, a progress note every few days, an early first draft), and one on the
-- planned end day (wrap_up). Due rows, like check-ins: delivered at the user's check-in
-- hour, claimed atomically, never lost. After delivery the freelancer answers 'done' or
-- 'skipped'; 'stopped' ends that action.
CREATE TABLE nudges (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kickoff_id  INTEGER NOT NULL REFERENCES kickoffs (id) ON DELETE CASCADE,
    action      TEXT    NOT NULL
                CHECK (action IN ('call', 'confirm', 'progress', 'early_draft', 'wrap_up')),
    local_due   TEXT    NOT NULL,
    due_at      INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'done', 'skipped',
                                  'stopped', 'failed', 'cancelled')),
    claimed_at  INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0,
    sent_at     INTEGER,
    late        INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    finished_at INTEGER,
    created_at  INTEGER NOT NULL
);
CREATE INDEX nudges_due ON nudges (status, due_at);
CREATE INDEX nudges_by_kickoff ON nudges (user_id, kickoff_id, status);
