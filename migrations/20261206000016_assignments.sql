-- A listing given to an editor to work on (at most one each), from the
-- staff list's selection; the list filters by it and the dashboard counts
-- each editor's.
CREATE TABLE assignments (
    target TEXT NOT NULL CHECK (target IN ('villages', 'clusters', 'enterprises', 'products')),
    target_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    assigned_by INTEGER REFERENCES users (id),
    assigned_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (target, target_id)
) WITHOUT ROWID;
CREATE INDEX assignments_of_user ON assignments (user_id, target);
