-- Partners' public pages and their tours (issue 16). An organisation's
-- page is /doi-tac/{slug}; its tours visit villages in order, wait for an
-- editor's approval the first time, and link out to the partner's own
-- booking page through /ra/{tour slug}, which counts the clicks.
ALTER TABLE partners ADD COLUMN slug TEXT;
UPDATE partners SET slug = referral_code;
CREATE UNIQUE INDEX partners_slug ON partners (slug);
ALTER TABLE partners ADD COLUMN area TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN languages TEXT NOT NULL DEFAULT '';

CREATE TABLE tours (
    id           INTEGER PRIMARY KEY,
    partner_id   INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    slug         TEXT NOT NULL UNIQUE,
    name_vi      TEXT NOT NULL CHECK (length(trim(name_vi)) > 0),
    name_en      TEXT NOT NULL DEFAULT '',
    -- A tour of whole days ("2 days, 1 night") or of hours (under a day).
    days         INTEGER NOT NULL DEFAULT 0 CHECK (days BETWEEN 0 AND 30),
    hours        INTEGER NOT NULL DEFAULT 0 CHECK (hours BETWEEN 0 AND 23),
    -- Per person, in đồng; NULL: not said.
    price_low    INTEGER CHECK (price_low >= 0),
    price_high   INTEGER CHECK (price_high >= price_low),
    booking_url  TEXT NOT NULL,
    languages    TEXT NOT NULL DEFAULT '',
    -- pending: waits for its first approval; published; rejected (with the
    -- editor's reason; the partner may change it and send it again).
    status       TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    reason       TEXT NOT NULL DEFAULT '',
    -- When an editor first approved it: later edits by its partner go live.
    approved_at  TEXT,
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX tours_of_partner ON tours (partner_id, status);

-- The villages a tour visits, in order.
CREATE TABLE tour_stops (
    tour_id     INTEGER NOT NULL REFERENCES tours (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    village_id  INTEGER NOT NULL REFERENCES villages (id) ON DELETE CASCADE,
    PRIMARY KEY (tour_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX tour_stops_village ON tour_stops (village_id);

-- Clicks out to a tour's booking page, per day (Vietnam's date); counted
-- as visits are: no address, cookie or browser is kept.
CREATE TABLE tour_clicks (
    day      TEXT NOT NULL,
    tour_id  INTEGER NOT NULL REFERENCES tours (id) ON DELETE CASCADE,
    clicks   INTEGER NOT NULL CHECK (clicks > 0),
    PRIMARY KEY (day, tour_id)
) STRICT, WITHOUT ROWID;
