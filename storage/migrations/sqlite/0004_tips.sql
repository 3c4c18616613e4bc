-- Tip subscription settings; users.tips_enabled (0001) says whether tips are on.
ALTER TABLE users ADD COLUMN tips_frequency TEXT NOT NULL DEFAULT 'twice_weekly'
    CHECK (tips_frequency IN ('daily', 'twice_weekly', 'weekly'));
ALTER TABLE users ADD COLUMN tips_hour INTEGER NOT NULL DEFAULT 9
    CHECK (tips_hour BETWEEN 0 AND 23);

-- The next tip for a subscriber is a due row served by the same dispatcher as check-ins.
-- Which tip is chosen at sending time, so it follows the latest reflections.
CREATE TABLE tip_deliveries (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_due    TEXT    NOT NULL,
    due_at       INTEGER NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    claimed_at   INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    sent_at      INTEGER,
    late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    tip_id       TEXT,
    finished_at  INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX tip_deliveries_due ON tip_deliveries (status, due_at);
CREATE INDEX tip_deliveries_by_user ON tip_deliveries (user_id, status);

-- Tips a user has received since the library last went round for them.
CREATE TABLE tips_seen (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tip_id   TEXT    NOT NULL,
    seen_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, tip_id)
) WITHOUT ROWID;
