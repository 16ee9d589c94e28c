// npm run search:rebuild — rebuilds the whole search index from the database (DATABASE_URL, or
// the embedded development database), into a new index swapped in at the end.
import { withDatabase } from "./lib/database-url";
import { applyMigrations } from "./lib/migrations";

await withDatabase(async (url) => {
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  const { db } = await import("../server/db");
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
  await db.$disconnect();
});
process.exit(0);
