// npm run search:rebuild — rebuilds the whole search index from the database (DATABASE_URL, or
// the embedded development database), into a new index swapped in at the end.
import { withMigratedAppDb } from "./lib/database-url";

await withMigratedAppDb(async (db) => {
  const { getSearchEngine } = await import("../server/search");
  const { rebuildSearchIndex } = await import("../server/search/rebuild");
  const engine = getSearchEngine();
  let last = 0;
  const result = await rebuildSearchIndex(db, engine, {
    onProgress: (indexed, total) => {
      if (indexed === total || Date.now() - last > 1000) {
        last = Date.now();
        process.stdout.write(`\rIndexed ${indexed} of ${total} records (${engine.name})…`);
      }
    },
  });
  console.log(`\nRebuilt the ${result.engine} index: ${result.indexed} records in ${(result.ms / 1000).toFixed(1)} s.`);
});
process.exit(0);
