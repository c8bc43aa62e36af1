-- Bulk imports of listings from spreadsheets (CSV or XLSX) by staff.
-- An import is read and previewed first (`preview`); nothing is written to
-- the listings until it is applied, in one transaction (`applied`); an
-- applied import can be undone as a whole (`undone`).
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('village', 'cluster', 'enterprise', 'product')),
    file_name   TEXT NOT NULL,
    -- SHA-256 of the file's bytes, hex.
    file_hash   TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    state       TEXT NOT NULL DEFAULT 'preview'
                CHECK (state IN ('preview', 'applying', 'applied', 'undone')),
    -- The file's cells as read: {"header": [...], "rows": [[...], ...]}.
    cells       TEXT NOT NULL CHECK (json_valid(cells)),
    -- The column of each field chosen by staff (JSON array, one field key
    -- or "" per column), once confirmed.
    mapping     TEXT CHECK (mapping IS NULL OR json_valid(mapping)),
    -- Per row (by line) what staff chose for a possible duplicate:
    -- {"12": "create" | "skip" | "update:ID"}.
    decisions   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(decisions)),
    -- What applying did: rows created, updated, unchanged, skipped.
    created     INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    applied_at  TEXT,
    undone_at   TEXT,
    undone_by   INTEGER REFERENCES users (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX imports_created ON imports (created_at);

-- The import a revision was written by (its file, who and when are the
-- import's).
ALTER TABLE revisions ADD COLUMN import_id INTEGER REFERENCES imports (id);

CREATE INDEX revisions_import ON revisions (import_id) WHERE import_id IS NOT NULL;
