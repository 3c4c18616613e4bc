-- The advice shown when a reflection was finished: the ids of its texts (tips or
-- look-backs, bot/content/advice.py), space-separated, weakest dimension first.
-- NULL for reflections finished before advice was recorded; '' when none was due.
-- The next reflection avoids repeating it, and /history shows what was shown.
ALTER TABLE reflections ADD COLUMN advice TEXT;
