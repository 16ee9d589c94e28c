-- Search at scale, continued (docs/decisions/0008-search-at-scale.md, revision 2026-11-30 b).
-- Hand-written: a generated column is beyond Prisma's schema language.
--
-- Counts, facets and the timeline are counted by the app from each matching row's facet keys
-- ("c7" collection, "p12"/"o3"/"g5"/"s9" person, organization, place, subject, "d1950" decade,
-- "lru" language, "ttelegram" type, "y1950:1952" earliest:latest year as EDTF numbers them),
-- one string per row joined by U+001F. Built once when the row is written rather than on every
-- search: building it cost more than reading the row.
CREATE FUNCTION dossier_match_keys(
  collection_ids int[], person_ids int[], organization_ids int[], place_ids int[], subject_ids int[],
  decade int, language text, document_type text, date_earliest date, date_latest date
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws(E'\x1f',
    'c' || array_to_string(collection_ids, E'\x1fc'),
    'p' || array_to_string(person_ids, E'\x1fp'),
    'o' || array_to_string(organization_ids, E'\x1fo'),
    'g' || array_to_string(place_ids, E'\x1fg'),
    's' || array_to_string(subject_ids, E'\x1fs'),
    'd' || decade, 'l' || language, 't' || document_type,
    'y' || (EXTRACT(YEAR FROM date_earliest)::int + (date_earliest < DATE '0001-01-01')::int)
      || ':' || (EXTRACT(YEAR FROM date_latest)::int + (date_latest < DATE '0001-01-01')::int))
$$;

ALTER TABLE "search_documents"
  ADD COLUMN "match_keys" text GENERATED ALWAYS AS (dossier_match_keys(
    "collection_ids", "person_ids", "organization_ids", "place_ids", "subject_ids",
    "decade", "language", "document_type", "date_earliest", "date_latest")) STORED,
  ALTER COLUMN "match_keys" SET STORAGE MAIN;
