-- People who talk to the bot. `id` is the Telegram user id; times are UTC ISO-8601 text.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    chat_id       INTEGER NOT NULL,
    first_name    TEXT    NOT NULL DEFAULT '',
    last_name     TEXT,
    username      TEXT,
    language      TEXT    NOT NULL CHECK (language IN ('en', 'ru')),
    timezone      TEXT    NOT NULL,
    tips_enabled  INTEGER NOT NULL DEFAULT 0 CHECK (tips_enabled IN (0, 1)),
    is_blocked    INTEGER NOT NULL DEFAULT 0 CHECK (is_blocked IN (0, 1)),
    onboarded_at  TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

-- Conversation state of aiogram's FSM. NULL thread / business connection are stored as
-- 0 / '' so that the primary key compares them as equal values.
CREATE TABLE fsm_state (
    bot_id                  INTEGER NOT NULL,
    chat_id                 INTEGER NOT NULL,
    user_id                 INTEGER NOT NULL,
    thread_id               INTEGER NOT NULL DEFAULT 0,
    business_connection_id  TEXT    NOT NULL DEFAULT '',
    destiny                 TEXT    NOT NULL,
    state                   TEXT,
    data                    TEXT    NOT NULL DEFAULT '{}',
    updated_at              TEXT    NOT NULL,
    PRIMARY KEY (bot_id, chat_id, user_id, thread_id, business_connection_id, destiny)
) WITHOUT ROWID;

CREATE INDEX fsm_state_user ON fsm_state (user_id);
