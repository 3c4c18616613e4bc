-- Admin broadcasts. One runs at a time; the others wait as 'queued'.
CREATE TABLE broadcasts (
    id                   INTEGER PRIMARY KEY,
    admin_id             INTEGER NOT NULL,
    from_chat_id         INTEGER NOT NULL,
    message_id           INTEGER NOT NULL,
    audience             TEXT    NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'queued'
                         CHECK (status IN ('queued', 'sending', 'done', 'cancelled')),
    total                INTEGER NOT NULL,
    progress_message_id  INTEGER,
    created_at           INTEGER NOT NULL,
    started_at           INTEGER,
    finished_at          INTEGER
);

-- Each recipient's status is stored, so a broadcast resumes after a crash where it stopped.
CREATE TABLE broadcast_recipients (
    broadcast_id  INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id       INTEGER NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'blocked', 'failed')),
    PRIMARY KEY (broadcast_id, user_id)
) WITHOUT ROWID;
CREATE INDEX broadcast_recipients_by_status ON broadcast_recipients (broadcast_id, status);
