-- The advice shown when a reflection was finished: the ids of its texts (tips or
-- look-backs, bot/content/advice.py), space-separated, weakest dimension first.
-- NULL for reflections finished before advice was recorded; '' when none was due.
-- The next reflection avoids repeating it, and /history shows what was shown.
ALTER TABLE reflections ADD COLUMN advice TEXT;

-- The reflection grew from ten questions to twelve ("challenge" after the real request,
-- "value" after the fitting solution): a draft keeps pointing at the same question.
UPDATE reflections SET position = CASE position
    WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 5 WHEN 4 THEN 6 WHEN 5 THEN 7 WHEN 6 THEN 8
    WHEN 7 THEN 9 WHEN 8 THEN 10 WHEN 9 THEN 11 WHEN 10 THEN 12 ELSE position END
WHERE status = 'draft';
