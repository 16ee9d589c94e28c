// Demo accounts for development only: one per role. Never created in production.
import type { Db } from "../db";
import type { Role } from "../generated/prisma/enums";
import { createUser } from "../users/users";

export const DEMO_PASSWORD = "dossier-demo-password";

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "admin@dossier.test", name: "Ada Admin", role: "admin" },
  { email: "reviewer@dossier.test", name: "Rosa Reviewer", role: "reviewer" },
  { email: "editor@dossier.test", name: "Emil Editor", role: "editor" },
];

export async function seedDemoAccounts(db: Db): Promise<number> {
  if (process.env.NODE_ENV === "production") throw new Error("Demo accounts are never created in production.");
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await db.user.findUnique({ where: { email: account.email }, select: { id: true } })) continue;
    await createUser(db, { ...account, password: DEMO_PASSWORD });
    created++;
  }
  return created;
}
