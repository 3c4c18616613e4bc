-- How the freelancer addresses a client in Russian («вы» or «ты»): the client's, not a
-- project's, so every draft to them uses it. Until now only each kickoff asked: a client
-- takes the answer of their latest kickoff, else the polite «вы».
ALTER TABLE clients ADD COLUMN address TEXT NOT NULL DEFAULT 'formal'
    CHECK (address IN ('formal', 'informal'));
UPDATE clients SET address = (
    SELECT k.address FROM kickoffs k
    WHERE k.client_id = clients.id
    ORDER BY k.created_at DESC, k.id DESC LIMIT 1
)
WHERE EXISTS (SELECT 1 FROM kickoffs k WHERE k.client_id = clients.id);
