-- Tourism partner organisations (agencies, homestays, guides, hotels) and
-- what their links bring (issue 16). A partner account belongs to at most
-- one organisation; its referral code goes on the links, QR codes and
-- embeds its people share.
CREATE TABLE partners (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('agency', 'homestay', 'guide', 'hotel', 'other')),
    -- Letters, digits and '-', 3 to 32 long, lower-case.
    referral_code  TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

ALTER TABLE users ADD COLUMN partner_id INTEGER REFERENCES partners (id);

-- Visits that arrived with a partner's code, per partner, listing and day
-- (Vietnam's date). No address, cookie or browser is kept: repeats within
-- a day are dropped in memory with a salted hash the server forgets daily.
CREATE TABLE referral_visits (
    day         TEXT NOT NULL,
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    target      TEXT NOT NULL CHECK (target IN ('villages', 'clusters', 'enterprises', 'products')),
    target_id   INTEGER NOT NULL,
    visits      INTEGER NOT NULL CHECK (visits > 0),
    PRIMARY KEY (day, partner_id, target, target_id)
) WITHOUT ROWID;
CREATE INDEX referral_visits_of_partner ON referral_visits (partner_id, day);
