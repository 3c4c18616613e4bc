-- When the user last talked to the bot (UTC), for "active in 7 / 30 days".
ALTER TABLE users ADD COLUMN last_seen_at TEXT;
UPDATE users SET last_seen_at = updated_at;
