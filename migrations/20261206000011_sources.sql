-- Sources by fact: one line per source ("fields | address | date | note"),
-- parsed and normalised by the field `sources` (model::listing::sources).
ALTER TABLE villages ADD COLUMN sources TEXT;
ALTER TABLE clusters ADD COLUMN sources TEXT;
ALTER TABLE enterprises ADD COLUMN sources TEXT;
ALTER TABLE products ADD COLUMN sources TEXT;

-- Village workers (people working in the craft), as a source counts them.
ALTER TABLE villages ADD COLUMN workers INTEGER CHECK (workers IS NULL OR workers >= 0);
-- The year of the source saying the village no longer holds its
-- craft-village title (kept listed, marked on its profile).
ALTER TABLE villages ADD COLUMN recognition_lapsed_year INTEGER
    CHECK (recognition_lapsed_year IS NULL OR recognition_lapsed_year BETWEEN 1900 AND 2100);
