-- Crafts and craft villages (Decree 52/2018/ND-CP).

CREATE TABLE crafts (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    name_vi      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    -- Decree 52/2018 trade group, 1..6.
    trade_group  INTEGER NOT NULL CHECK (trade_group BETWEEN 1 AND 6)
) STRICT;

CREATE TABLE villages (
    id                       INTEGER PRIMARY KEY,
    slug                     TEXT NOT NULL UNIQUE,
    place_name               TEXT NOT NULL,
    name_vi                  TEXT NOT NULL,
    name_en                  TEXT NOT NULL,
    status                   TEXT NOT NULL DEFAULT 'published'
                             CHECK (status IN ('draft', 'published', 'archived')),
    featured                 INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    commune_code             TEXT NOT NULL REFERENCES communes (code),
    legacy_commune_code      TEXT REFERENCES legacy_communes (code),
    latitude                 REAL CHECK (latitude BETWEEN -90 AND 90),
    longitude                REAL CHECK (longitude BETWEEN -180 AND 180),
    coords_approximate       INTEGER NOT NULL DEFAULT 1 CHECK (coords_approximate IN (0, 1)),
    craft_began_year         INTEGER CHECK (craft_began_year BETWEEN 1000 AND 2100),
    total_households         INTEGER CHECK (total_households >= 0),
    craft_households         INTEGER CHECK (craft_households >= 0),
    stable_production_years  INTEGER CHECK (stable_production_years >= 0),
    env_compliant            INTEGER CHECK (env_compliant IN (0, 1)),
    is_traditional           INTEGER CHECK (is_traditional IN (0, 1)),
    recognition_year         INTEGER CHECK (recognition_year BETWEEN 1900 AND 2100),
    recognition_decision     TEXT,
    recognition_date         TEXT,
    description_vi           TEXT,
    description_en           TEXT,
    products_vi              TEXT,
    products_en              TEXT,
    visiting_vi              TEXT,
    visiting_en              TEXT,
    source_url               TEXT NOT NULL CHECK (source_url LIKE 'http%'),
    created_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (craft_households IS NULL OR total_households IS NULL
           OR craft_households <= total_households)
) STRICT;

CREATE INDEX villages_commune ON villages (commune_code);
CREATE INDEX villages_status_slug ON villages (status, slug);

CREATE TABLE village_crafts (
    village_id  INTEGER NOT NULL REFERENCES villages (id) ON DELETE CASCADE,
    craft_id    INTEGER NOT NULL REFERENCES crafts (id),
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, craft_id)
) STRICT;

CREATE INDEX village_crafts_craft ON village_crafts (craft_id);

CREATE TABLE village_artisans (
    id          INTEGER PRIMARY KEY,
    village_id  INTEGER NOT NULL REFERENCES villages (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    title       TEXT,
    source_url  TEXT
) STRICT;

-- The former district(s) of a village: from its former commune when the
-- source names it, otherwise from its current commune's predecessors.
CREATE VIEW village_districts AS
SELECT v.id AS village_id, lc.district_code AS district_code
FROM villages v
JOIN legacy_communes lc ON lc.code = v.legacy_commune_code
UNION
SELECT v.id, cfd.district_code
FROM villages v
JOIN commune_former_districts cfd ON cfd.commune_code = v.commune_code
WHERE v.legacy_commune_code IS NULL;
