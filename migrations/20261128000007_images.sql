-- Photos of listings. The files live in the media folder, named by the
-- server: <stem>-<width>.webp and <stem>-<width>.jpg for each width.
CREATE TABLE images (
    id          INTEGER PRIMARY KEY,
    target      TEXT NOT NULL CHECK (target IN ('villages', 'clusters', 'enterprises', 'products')),
    target_id   INTEGER NOT NULL,
    -- 32 lower-case hex digits chosen by the server.
    stem        TEXT NOT NULL UNIQUE CHECK (length(stem) = 32 AND stem NOT GLOB '*[^0-9a-f]*'),
    -- The widths written, ascending, comma-separated ("480,960,1600").
    widths      TEXT NOT NULL,
    -- Of the largest size.
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    alt_vi      TEXT NOT NULL CHECK (length(trim(alt_vi)) > 0),
    alt_en      TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX images_target ON images (target, target_id, position, id);
