-- AlterTable
ALTER TABLE "records" ADD COLUMN     "public_changed_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "records_public_changed_at_idx" ON "records"("public_changed_at");

-- When the public last saw a record change: set on every insert or update that publishes it,
-- moves its published revision, withdraws or restores it. In the database, so that every
-- writer (the editor, review, bulk import and its undo, the lifecycle actions) keeps it.
-- clock_timestamp(), not now(): the time of the change, not of its transaction's start.
CREATE FUNCTION dossier_record_public_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'draft' AND (
    TG_OP = 'INSERT'
    OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.published_revision_id IS DISTINCT FROM NEW.published_revision_id
  ) THEN
    NEW.public_changed_at := clock_timestamp() AT TIME ZONE 'UTC';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER records_public_change
  BEFORE INSERT OR UPDATE OF status, published_revision_id ON records
  FOR EACH ROW EXECUTE FUNCTION dossier_record_public_change();

-- Records already public: their last write is the best time known (a harvester that sees a
-- later datestamp than the true one harvests the record once more, never misses it).
UPDATE records SET public_changed_at = updated_at WHERE status <> 'draft';
