-- Partners' own say in their proposals: a note justifying one (shown to the
-- editors who decide, and on the partner's card), and a proposal its
-- partner withdrew before a decision. SQLite cannot change a CHECK, so the
-- table is rebuilt with the same rows.
CREATE TABLE proposals_new (
    id           INTEGER PRIMARY KEY,
    target       TEXT NOT NULL CHECK (target IN ('villages', 'clusters', 'enterprises', 'products')),
    target_id    INTEGER NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    fields       TEXT NOT NULL CHECK (json_valid(fields)),
    state        TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'accepted', 'rejected', 'withdrawn')),
    reviewer_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at  TEXT,
    -- Why it was rejected (required then); shown to the partner.
    reason       TEXT NOT NULL DEFAULT '',
    before       TEXT NOT NULL DEFAULT '{}',
    -- The partner's note: why the change is right, where it comes from.
    note         TEXT NOT NULL DEFAULT '',
    -- The rejected or withdrawn proposal this one sends again.
    resubmits    INTEGER REFERENCES proposals_new (id)
) STRICT;

INSERT INTO proposals_new (id, target, target_id, user_id, created_at, fields, state,
                           reviewer_id, reviewed_at, reason, before)
SELECT id, target, target_id, user_id, created_at, fields, state,
       reviewer_id, reviewed_at, reason, before
  FROM proposals;

DROP TABLE proposals;
ALTER TABLE proposals_new RENAME TO proposals;

CREATE INDEX proposals_state ON proposals (state, id);
CREATE INDEX proposals_user ON proposals (user_id, id);
