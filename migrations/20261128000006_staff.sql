-- The staff workspace: accounts, sessions, sign-in limits, the audit log,
-- revisions of listings and old slugs.

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    -- Lower-case, trimmed (the app's Email type).
    email                TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'partner')),
    -- Argon2id PHC string; never leaves the server.
    password_hash        TEXT NOT NULL,
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- The communes an editor may edit; an editor without rows edits everywhere.
CREATE TABLE user_communes (
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    commune_code  TEXT NOT NULL REFERENCES communes (code),
    PRIMARY KEY (user_id, commune_code)
) STRICT;

-- tower-sessions records (the session store of the server crate).
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY NOT NULL,
    data         BLOB NOT NULL,
    expiry_date  INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_expiry ON sessions (expiry_date);

-- Failed sign-ins per e-mail address, whether or not an account has it, so
-- that the answer never tells which addresses exist.
CREATE TABLE sign_in_failures (
    email         TEXT PRIMARY KEY NOT NULL,
    failures      INTEGER NOT NULL,
    -- Unix seconds of the first failure of the current window.
    window_start  INTEGER NOT NULL
) STRICT;

-- Every write, sign-in and failed sign-in.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    -- 'villages', 'users', …; NULL for sign-ins.
    target      TEXT,
    target_id   INTEGER,
    -- Free text for people (an e-mail address typed at a failed sign-in,
    -- a listing's name); never a password.
    detail      TEXT NOT NULL DEFAULT '',
    ip          TEXT
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);

-- Every change of a listing: the editable fields after the change, as a
-- JSON object of strings; the first revision of a listing is its state when
-- staff first touched it.
CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    target      TEXT NOT NULL CHECK (target IN ('villages', 'clusters', 'enterprises', 'products')),
    target_id   INTEGER NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- 'baseline', 'edit', 'create', 'restore', 'status'
    action      TEXT NOT NULL,
    -- The revision restored, for action 'restore'.
    restored_from INTEGER REFERENCES revisions (id),
    fields      TEXT NOT NULL CHECK (json_valid(fields))
) STRICT;

CREATE INDEX revisions_target ON revisions (target, target_id, id);

-- Slugs a listing had before: the public pages answer them with a 301.
CREATE TABLE slug_redirects (
    target     TEXT NOT NULL,
    old_slug   TEXT NOT NULL,
    target_id  INTEGER NOT NULL,
    PRIMARY KEY (target, old_slug)
) STRICT;

-- Edits proposed by partners: only the fields the proposal changes (JSON
-- object of strings, already parsed), waiting for an editor's decision.
CREATE TABLE proposals (
    id           INTEGER PRIMARY KEY,
    target       TEXT NOT NULL CHECK (target IN ('villages', 'clusters', 'enterprises', 'products')),
    target_id    INTEGER NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    fields       TEXT NOT NULL CHECK (json_valid(fields)),
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
    reviewer_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at  TEXT,
    -- Why it was rejected (required then); shown to the partner.
    reason       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX proposals_state ON proposals (state, id);
CREATE INDEX proposals_user ON proposals (user_id, id);
