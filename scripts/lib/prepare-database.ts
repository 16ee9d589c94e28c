// Migrate, then seed the demo archive (and, outside production, the demo accounts).
import { applyMigrations } from "./migrations";

export async function prepareDatabase(url: string, options: { demo: boolean; quiet?: boolean }) {
  const applied = await applyMigrations(url);
  const log = (message: string) => !options.quiet && console.log(message);
  if (applied.length) log(`Applied migration(s): ${applied.join(", ")}`);
  if (!options.demo) return;
  // server/db.ts reads DATABASE_URL when first imported.
  process.env.DATABASE_URL = url;
  const { db } = await import("../../server/db");
  const { seedDemoArchive } = await import("../../server/seed/demo-archive");
  const { seedDemoAccounts } = await import("../../server/seed/demo-accounts");
  if (await seedDemoArchive(db)) log("Seeded the demo archive (9 documents).");
  const accounts = await seedDemoAccounts(db);
  if (accounts) log(`Created ${accounts} demo account(s).`);
}
