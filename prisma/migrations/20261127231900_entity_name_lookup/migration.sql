-- Entity name lookup for the record editor's picker (server/entities/picker.ts), in tiers:
-- whole-name prefixes as a byte-order range scan, word prefixes through a full-text index.
-- (Typos use the existing trigram index entity_names_normalized_trgm.)
CREATE INDEX "entity_names_normalized_prefix" ON "entity_names" ("normalized" COLLATE "C");
CREATE INDEX "entity_names_words" ON "entity_names" USING gin (to_tsvector('simple', "normalized"));
