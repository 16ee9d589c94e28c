// npm run db:seed — applies migrations and seeds the demo archive and demo accounts (idempotent).
import { withDatabase } from "./lib/database-url";
import { prepareDatabase } from "./lib/prepare-database";

if (process.env.NODE_ENV === "production") {
  console.error("The demo archive and demo accounts are never seeded in production.");
  process.exit(2);
}
await withDatabase(async (url) => {
  await prepareDatabase(url, { demo: true });
  const { db } = await import("../server/db");
  await db.$disconnect();
});
console.log("Seed complete.");
