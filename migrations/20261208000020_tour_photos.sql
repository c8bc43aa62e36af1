-- Tours have photos too, through the same pipeline as listings: the
-- images table takes 'tours' as a target. SQLite cannot change a CHECK,
-- so the table is made again with the same rows (no table refers to it).
CREATE TABLE images_new (
    id          INTEGER PRIMARY KEY,
    target      TEXT NOT NULL CHECK (target IN ('villages', 'clusters', 'enterprises', 'products', 'tours')),
    target_id   INTEGER NOT NULL,
    stem        TEXT NOT NULL UNIQUE CHECK (length(stem) = 32 AND stem NOT GLOB '*[^0-9a-f]*'),
    widths      TEXT NOT NULL,
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    alt_vi      TEXT NOT NULL CHECK (length(trim(alt_vi)) > 0),
    alt_en      TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    deleted_at  TEXT,
    deleted_by  INTEGER REFERENCES users (id) ON DELETE SET NULL
) STRICT;

INSERT INTO images_new (id, target, target_id, stem, widths, width, height, alt_vi, alt_en,
                        position, user_id, created_at, deleted_at, deleted_by)
SELECT id, target, target_id, stem, widths, width, height, alt_vi, alt_en,
       position, user_id, created_at, deleted_at, deleted_by
  FROM images;

DROP TABLE images;
ALTER TABLE images_new RENAME TO images;
CREATE INDEX images_target ON images (target, target_id, position, id);
