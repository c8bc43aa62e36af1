-- What visitors of a craft village need (issue 16): opening hours as an
-- OpenStreetMap `opening_hours` rule (evaluated in Vietnam's time by the
-- server), experiences one per line ("name | name in English | minutes |
-- price | year of the price | languages | booking"), getting there, the
-- best season, accessibility and a visitor contact. NULL: not recorded.
ALTER TABLE villages ADD COLUMN opening_hours TEXT;
ALTER TABLE villages ADD COLUMN experiences TEXT;
ALTER TABLE villages ADD COLUMN getting_there_vi TEXT;
ALTER TABLE villages ADD COLUMN getting_there_en TEXT;
ALTER TABLE villages ADD COLUMN best_season_vi TEXT;
ALTER TABLE villages ADD COLUMN best_season_en TEXT;
ALTER TABLE villages ADD COLUMN accessibility_vi TEXT;
ALTER TABLE villages ADD COLUMN accessibility_en TEXT;
ALTER TABLE villages ADD COLUMN visit_phone TEXT;
ALTER TABLE villages ADD COLUMN visit_zalo TEXT;
ALTER TABLE villages ADD COLUMN visit_email TEXT;
