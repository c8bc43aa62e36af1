-- An account whose password was set by an administrator (a new account or
-- a reset) is asked to choose its own at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1));
