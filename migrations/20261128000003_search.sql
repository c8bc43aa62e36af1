-- One full-text index over every kind of listing. The indexed text is
-- folded by the application (lowercase, no diacritics, đ -> d), and queries
-- are folded the same way; unicode61 also strips any marks left.
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    ref_id UNINDEXED,
    name,
    body,
    places,
    tokenize = 'unicode61 remove_diacritics 2'
);
