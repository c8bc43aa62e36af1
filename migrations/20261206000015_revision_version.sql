-- Each revision records the listing's version (its updated_at) after the
-- change: a save from a form loaded at an older version finds what the
-- form started from, so that changes made meanwhile to other fields are
-- merged and only fields both people changed are put to the person saving.
-- Revisions written before this have none (every difference is then put to
-- the person saving).
ALTER TABLE revisions ADD COLUMN version TEXT;
