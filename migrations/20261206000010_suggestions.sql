-- Messages anyone may send from a public profile (no account): a correction
-- of a fact, or "this is my business". They wait for an editor, who marks
-- them handled or dismissed. Name and contact are never shown publicly.
-- At most a fixed number wait at once (model::suggestion::PENDING_MAX).
CREATE TABLE suggestions (
    id          INTEGER PRIMARY KEY,
    target      TEXT NOT NULL CHECK (target IN ('villages', 'clusters', 'enterprises', 'products')),
    target_id   INTEGER NOT NULL,
    -- A field key of the kind, 'owner', or '' (none in particular).
    field       TEXT NOT NULL DEFAULT '' CHECK (length(field) <= 64),
    message     TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
    name        TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 100),
    contact     TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 200),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'handled', 'dismissed')),
    closed_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    closed_at   TEXT
) STRICT;

CREATE INDEX suggestions_state ON suggestions (state, id);
