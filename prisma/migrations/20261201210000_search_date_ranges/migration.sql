-- Whether any record's dates overlap a date typed in a search, without its words (a search whose
-- words and date find nothing together asks it before leaving parts out): a GiST index over each
-- record's date range answers in a few index pages. The year keys of facet_keys found the
-- candidates, but a month none of them overlaps meant reading every record of that year
-- (10,000 at 500,000 records).
-- The upper end is never before the lower (a range must not be empty or the row could not be indexed).
-- Hand-written: expression indexes are beyond the schema language of Prisma.
-- No semicolons in these comments: the migration runner splits statements on them.
CREATE INDEX "search_documents_date_range" ON "search_documents" USING gist (daterange("date_earliest", greatest("date_earliest", "date_latest"), '[]'));
