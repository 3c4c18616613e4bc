-- A freelancer's request for their client's own view of a finished project: a personal
-- link to the bot (only its token's SHA-256 is kept), answered once, by one person.
-- 'waiting' until answered; past expires_at a waiting request has expired. respondent_id
-- is the Telegram id of the person who opened the link first (the client, never the
-- freelancer); 'erased' when that person deleted their answers.
CREATE TABLE feedback_requests (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id      INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    project_id     INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    token_hash     TEXT    NOT NULL UNIQUE,
    status         TEXT    NOT NULL DEFAULT 'waiting'
                   CHECK (status IN ('waiting', 'answered', 'withdrawn', 'declined', 'erased')),
    respondent_id  INTEGER,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    opened_at      INTEGER,
    answered_at    INTEGER,
    closed_at      INTEGER
);
CREATE INDEX feedback_requests_by_client ON feedback_requests (user_id, client_id, created_at);
CREATE INDEX feedback_requests_by_respondent ON feedback_requests (respondent_id);

-- The client's answers: 'understood' (1-5) and 'again' (0-10) in value; 'number' as typed
-- in text with the number read from it in value (NULL: "don't know"). skipped = 1: the
-- question was skipped. comment: what the client added in their own words.
CREATE TABLE feedback_answers (
    request_id   INTEGER NOT NULL REFERENCES feedback_requests (id) ON DELETE CASCADE,
    question_id  TEXT    NOT NULL CHECK (question_id IN ('understood', 'number', 'again')),
    value        REAL,
    percent      INTEGER NOT NULL DEFAULT 0 CHECK (percent IN (0, 1)),
    text         TEXT,
    comment      TEXT,
    skipped      INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    PRIMARY KEY (request_id, question_id)
) WITHOUT ROWID;

-- "Don't ask me again": no more requests from this freelancer reach this person.
CREATE TABLE feedback_opt_outs (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    respondent_id  INTEGER NOT NULL,
    client_id      INTEGER REFERENCES clients (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, respondent_id)
) WITHOUT ROWID;

-- "Your client answered": due rows like check-ins, delivered outside the freelancer's
-- quiet hours, claimed atomically, never lost.
CREATE TABLE feedback_notices (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_id   INTEGER NOT NULL UNIQUE REFERENCES feedback_requests (id) ON DELETE CASCADE,
    due_at       INTEGER NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    claimed_at   INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    sent_at      INTEGER,
    late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    finished_at  INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX feedback_notices_due ON feedback_notices (status, due_at);

-- A reading the client gave in their answers: marked "from the client", gone with them.
ALTER TABLE metric_readings ADD COLUMN feedback_id INTEGER
    REFERENCES feedback_requests (id) ON DELETE CASCADE;
