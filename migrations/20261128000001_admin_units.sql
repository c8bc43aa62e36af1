-- Administrative units of both eras. Codes are text (leading zeros) and are
-- reused across eras, so each era has its own tables.

CREATE TABLE legacy_districts (
    code        TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('thanh_pho', 'huyen')),
    ward_count  INTEGER NOT NULL CHECK (ward_count >= 0)
) STRICT;

CREATE TABLE legacy_communes (
    code           TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    name_alt       TEXT,
    kind           TEXT NOT NULL CHECK (kind IN ('xa', 'phuong', 'thi_tran')),
    district_code  TEXT NOT NULL REFERENCES legacy_districts (code)
) STRICT;

CREATE TABLE communes (
    code           TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('xa', 'phuong')),
    province_code  TEXT NOT NULL,
    province_name  TEXT NOT NULL,
    latitude       REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude      REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    area_km2       REAL,
    location_note  TEXT
) STRICT;

-- The districts the predecessors of a current commune belonged to.
CREATE TABLE commune_former_districts (
    commune_code   TEXT NOT NULL REFERENCES communes (code),
    district_code  TEXT NOT NULL REFERENCES legacy_districts (code),
    position       INTEGER NOT NULL,
    PRIMARY KEY (commune_code, district_code)
) STRICT;

-- Old commune -> new commune (a split old commune has two rows).
CREATE TABLE legacy_commune_successors (
    old_code    TEXT NOT NULL REFERENCES legacy_communes (code),
    new_code    TEXT NOT NULL REFERENCES communes (code),
    is_divided  INTEGER NOT NULL CHECK (is_divided IN (0, 1)),
    is_default  INTEGER NOT NULL CHECK (is_default IN (0, 1)),
    PRIMARY KEY (old_code, new_code)
) STRICT;

CREATE INDEX legacy_commune_successors_new ON legacy_commune_successors (new_code);
