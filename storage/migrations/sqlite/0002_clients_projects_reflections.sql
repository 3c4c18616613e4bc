-- Clients of a freelancer. last_contact_at: the last real contact (UTC), for sorting
-- and for check-in cadences.
CREATE TABLE clients (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name             TEXT    NOT NULL,
    contact          TEXT,
    notes            TEXT,
    archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    last_contact_at  TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX clients_by_user ON clients (user_id, archived, last_contact_at);

-- A finished project. finished_on is the user's local calendar day (YYYY-MM-DD).
CREATE TABLE projects (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id    INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    goal         TEXT    NOT NULL CHECK (goal IN ('sales', 'leads', 'traffic', 'savings', 'other')),
    goal_note    TEXT,
    metric       TEXT,
    baseline     TEXT,
    finished_on  TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX projects_by_user ON projects (user_id, finished_on);
CREATE INDEX projects_by_client ON projects (client_id);

-- One reflection per project: a draft while being answered, then done with its score.
CREATE TABLE reflections (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_id    INTEGER NOT NULL UNIQUE REFERENCES projects (id) ON DELETE CASCADE,
    status        TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'done')),
    position      INTEGER NOT NULL DEFAULT 0,
    score         INTEGER,
    label         TEXT,
    decision      TEXT CHECK (decision IN ('keep', 'renegotiate', 'let_go')),
    lesson        TEXT,
    started_at    TEXT    NOT NULL,
    completed_at  TEXT
);
CREATE INDEX reflections_by_user ON reflections (user_id, status, completed_at);

-- Answers to the questions of bot/content/questions.py. value NULL with skipped = 1
-- means the question was skipped; text holds free-text answers.
CREATE TABLE reflection_answers (
    reflection_id  INTEGER NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
    question_id    TEXT    NOT NULL,
    value          INTEGER,
    text           TEXT,
    comment        TEXT,
    skipped        INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    PRIMARY KEY (reflection_id, question_id)
) WITHOUT ROWID;
