-- The index's vocabulary, for typo-tolerant matching of query words.
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');
