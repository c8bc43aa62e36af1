-- A deleted photo is kept for a while so that its deletion shows in the
-- listing's history and can be undone: the row stays with when and by whom
-- it was deleted (the pages leave it out), its files move out of the public
-- folder. Rows deleted over 30 days ago go for good at start-up.
ALTER TABLE images ADD COLUMN deleted_at TEXT;
ALTER TABLE images ADD COLUMN deleted_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
