-- The rest of the directory: industrial parks and clusters (Decree 32/2024),
-- enterprises and producers, products (OCOP). Every record keeps its
-- source; a fact the source does not give stays NULL ("not yet recorded").
--
-- A location is a current commune, or a former commune, or only a former
-- district when that is all a source gives; the `*_districts` views derive
-- the former district(s) the same way as for villages.

CREATE TABLE clusters (
    id                       INTEGER PRIMARY KEY,
    slug                     TEXT NOT NULL UNIQUE,
    kind                     TEXT NOT NULL CHECK (kind IN ('park', 'cluster')),
    name_vi                  TEXT NOT NULL,
    name_en                  TEXT NOT NULL,
    status                   TEXT NOT NULL DEFAULT 'published'
                             CHECK (status IN ('draft', 'published', 'archived')),
    -- Where the park or cluster stands in its life.
    stage                    TEXT CHECK (stage IN ('planned', 'established', 'operating', 'expanding')),
    -- What the provincial plan 2021-2030 does with it.
    plan_action              TEXT CHECK (plan_action IN ('keep', 'expand', 'reduce', 'new', 'proposed')),
    planned_area_ha          REAL CHECK (planned_area_ha > 0),
    established_area_ha      REAL CHECK (established_area_ha > 0),
    industrial_land_ha       REAL CHECK (industrial_land_ha > 0),
    leased_land_ha           REAL CHECK (leased_land_ha >= 0),
    -- An occupancy the source reports without the land areas behind it.
    reported_occupancy_pct   REAL CHECK (reported_occupancy_pct BETWEEN 0 AND 100),
    occupancy_year           INTEGER CHECK (occupancy_year BETWEEN 1990 AND 2100),
    infrastructure_investor  TEXT,
    establishment_decision   TEXT,
    establishment_date       TEXT,
    infrastructure_complete  INTEGER CHECK (infrastructure_complete IN (0, 1)),
    wastewater_status        TEXT CHECK (wastewater_status IN ('none', 'planned', 'building', 'operating')),
    target_industries_vi     TEXT,
    target_industries_en     TEXT,
    description_vi           TEXT,
    description_en           TEXT,
    commune_code             TEXT REFERENCES communes (code),
    legacy_commune_code      TEXT REFERENCES legacy_communes (code),
    district_code            TEXT REFERENCES legacy_districts (code),
    latitude                 REAL CHECK (latitude BETWEEN -90 AND 90),
    longitude                REAL CHECK (longitude BETWEEN -180 AND 180),
    coords_approximate       INTEGER NOT NULL DEFAULT 1 CHECK (coords_approximate IN (0, 1)),
    source_url               TEXT NOT NULL CHECK (source_url LIKE 'http%'),
    created_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (leased_land_ha IS NULL OR industrial_land_ha IS NULL
           OR leased_land_ha <= industrial_land_ha)
) STRICT;

CREATE INDEX clusters_status_slug ON clusters (status, slug);

CREATE TABLE enterprises (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    name_vi              TEXT NOT NULL,
    name_en              TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'published'
                         CHECK (status IN ('draft', 'published', 'archived')),
    legal_form           TEXT NOT NULL
                         CHECK (legal_form IN ('company', 'cooperative', 'cooperative_group', 'household')),
    -- 10 digits, or 10 + '-' + 3 for a branch; checked by the app's TaxCode.
    tax_code             TEXT UNIQUE CHECK (length(tax_code) IN (10, 14)),
    sector_vi            TEXT,
    sector_en            TEXT,
    products_vi          TEXT,
    products_en          TEXT,
    founded_year         INTEGER CHECK (founded_year BETWEEN 1900 AND 2100),
    employees            INTEGER CHECK (employees >= 0),
    members              INTEGER CHECK (members >= 0),
    phone                TEXT,
    email                TEXT,
    website              TEXT CHECK (website IS NULL OR website LIKE 'http%'),
    address              TEXT,
    description_vi       TEXT,
    description_en       TEXT,
    commune_code         TEXT REFERENCES communes (code),
    legacy_commune_code  TEXT REFERENCES legacy_communes (code),
    district_code        TEXT REFERENCES legacy_districts (code),
    latitude             REAL CHECK (latitude BETWEEN -90 AND 90),
    longitude            REAL CHECK (longitude BETWEEN -180 AND 180),
    coords_approximate   INTEGER NOT NULL DEFAULT 1 CHECK (coords_approximate IN (0, 1)),
    source_url           TEXT NOT NULL CHECK (source_url LIKE 'http%'),
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX enterprises_status_slug ON enterprises (status, slug);
CREATE INDEX enterprises_commune ON enterprises (commune_code);
CREATE INDEX enterprises_legacy_commune ON enterprises (legacy_commune_code);

-- An enterprise's membership in a craft village.
CREATE TABLE enterprise_villages (
    enterprise_id  INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    village_id     INTEGER NOT NULL REFERENCES villages (id) ON DELETE CASCADE,
    PRIMARY KEY (enterprise_id, village_id)
) STRICT;

CREATE INDEX enterprise_villages_village ON enterprise_villages (village_id);

-- Tenant projects of a park or cluster.
CREATE TABLE cluster_tenants (
    cluster_id           INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    enterprise_id        INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    capital_billion_vnd  REAL CHECK (capital_billion_vnd >= 0),
    employees            INTEGER CHECK (employees >= 0),
    PRIMARY KEY (cluster_id, enterprise_id)
) STRICT;

CREATE INDEX cluster_tenants_enterprise ON cluster_tenants (enterprise_id);

CREATE TABLE products (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    name_vi              TEXT NOT NULL,
    name_en              TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'published'
                         CHECK (status IN ('draft', 'published', 'archived')),
    category             TEXT NOT NULL CHECK (category IN
                         ('fruit', 'tea', 'poultry', 'beverage', 'textile', 'handicraft', 'herbal', 'food', 'other')),
    producer_id          INTEGER REFERENCES enterprises (id) ON DELETE SET NULL,
    village_id           INTEGER REFERENCES villages (id) ON DELETE SET NULL,
    ocop_stars           INTEGER CHECK (ocop_stars BETWEEN 3 AND 5),
    -- ISO date; the certificate is valid for 36 months (Decision 148/QĐ-TTg).
    ocop_certified_on    TEXT CHECK (ocop_certified_on IS NULL OR ocop_certified_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    ocop_decision        TEXT,
    geo_indication_year  INTEGER CHECK (geo_indication_year BETWEEN 1900 AND 2100),
    description_vi       TEXT,
    description_en       TEXT,
    commune_code         TEXT REFERENCES communes (code),
    legacy_commune_code  TEXT REFERENCES legacy_communes (code),
    district_code        TEXT REFERENCES legacy_districts (code),
    latitude             REAL CHECK (latitude BETWEEN -90 AND 90),
    longitude            REAL CHECK (longitude BETWEEN -180 AND 180),
    coords_approximate   INTEGER NOT NULL DEFAULT 1 CHECK (coords_approximate IN (0, 1)),
    source_url           TEXT NOT NULL CHECK (source_url LIKE 'http%'),
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX products_status_slug ON products (status, slug);
CREATE INDEX products_producer ON products (producer_id);
CREATE INDEX products_village ON products (village_id);

-- Former district(s): from the former commune, else the district the source
-- gives, else the current commune's predecessors.
CREATE VIEW cluster_districts AS
SELECT x.id AS cluster_id, COALESCE(lc.district_code, x.district_code) AS district_code
FROM clusters x LEFT JOIN legacy_communes lc ON lc.code = x.legacy_commune_code
WHERE COALESCE(lc.district_code, x.district_code) IS NOT NULL
UNION
SELECT x.id, cfd.district_code
FROM clusters x JOIN commune_former_districts cfd ON cfd.commune_code = x.commune_code
WHERE x.legacy_commune_code IS NULL AND x.district_code IS NULL;

CREATE VIEW enterprise_districts AS
SELECT x.id AS enterprise_id, COALESCE(lc.district_code, x.district_code) AS district_code
FROM enterprises x LEFT JOIN legacy_communes lc ON lc.code = x.legacy_commune_code
WHERE COALESCE(lc.district_code, x.district_code) IS NOT NULL
UNION
SELECT x.id, cfd.district_code
FROM enterprises x JOIN commune_former_districts cfd ON cfd.commune_code = x.commune_code
WHERE x.legacy_commune_code IS NULL AND x.district_code IS NULL;

CREATE VIEW product_districts AS
SELECT x.id AS product_id, COALESCE(lc.district_code, x.district_code) AS district_code
FROM products x LEFT JOIN legacy_communes lc ON lc.code = x.legacy_commune_code
WHERE COALESCE(lc.district_code, x.district_code) IS NOT NULL
UNION
SELECT x.id, cfd.district_code
FROM products x JOIN commune_former_districts cfd ON cfd.commune_code = x.commune_code
WHERE x.legacy_commune_code IS NULL AND x.district_code IS NULL;

-- Search moves to an in-memory index built from the tables above (see
-- app/src/search/index.rs); the FTS5 tables are no longer used.
DROP TABLE search_vocab;
DROP TABLE search_index;
