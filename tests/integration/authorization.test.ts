// Who may call what: every tRPC procedure, called as every kind of caller, against this table.
// A procedure missing from the table fails the test, so nothing ships without a stated rule.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../server/api/root";
import { db } from "../../server/db";
import { seedDemoArchive } from "../../server/seed/demo-archive";
import { callerFor, makeUser } from "../support/callers";

type Access = "public" | "signedIn" | "editor" | "reviewer" | "admin";

/** The minimum caller for each procedure, and a valid input to call it with. */
const ACCESS: Record<string, { access: Access; input?: () => Promise<unknown> | unknown }> = {
  "records.recent": { access: "public", input: () => ({ limit: 3 }) },
  "records.byId": { access: "public", input: () => ({ id: 1 }) },
  "entities.byId": { access: "public", input: () => ({ id: 1 }) },
  "entities.records": { access: "public", input: () => ({ id: 1 }) },
  "collections.list": { access: "public" },
  "collections.bySlug": { access: "public", input: () => ({ slug: "korean-war" }) },
  "dates.parse": { access: "public", input: () => ({ text: "circa 1957" }) },
  "search.query": { access: "public", input: () => ({ q: "Choe" }) },
  "search.suggest": { access: "public", input: () => ({ q: "Cho" }) },
  "searchAdmin.status": { access: "admin" },
  "searchAdmin.retry": { access: "admin" },
  "searchAdmin.reconcile": { access: "admin" },
  "searchAdmin.rebuild": { access: "admin" },
  "me.get": { access: "signedIn" },
  "changeRequests.propose": {
    access: "editor",
    input: () => ({
      content: { title: "A test memorandum", dateText: "circa 1957", summary: "For the authorization test.", originalLanguage: "en", documentType: "memorandum" },
    }),
  },
  "changeRequests.mine": { access: "editor" },
  "changeRequests.queue": { access: "reviewer" },
  "users.list": { access: "admin" },
  "users.setRole": { access: "admin", input: async () => ({ userId: (await makeUser("editor")).id, role: "reviewer" }) },
};

const CALLERS = ["signedOut", "noRole", "disabled", "editor", "trustedEditor", "reviewer", "admin"] as const;
type CallerKind = (typeof CALLERS)[number];

const RANK: Record<Access, number> = { public: 0, signedIn: 1, editor: 1, reviewer: 2, admin: 3 };
const CALLER_RANK: Record<CallerKind, number> = { signedOut: -1, noRole: -1, disabled: -1, editor: 1, trustedEditor: 1, reviewer: 2, admin: 3 };

function expected(access: Access, caller: CallerKind): "ok" | "UNAUTHORIZED" | "FORBIDDEN" {
  if (access === "public") return "ok";
  if (CALLER_RANK[caller] < 0) return "UNAUTHORIZED";
  return CALLER_RANK[caller] >= RANK[access] ? "ok" : "FORBIDDEN";
}

describe("authorization matrix", () => {
  const users = {} as Record<CallerKind, { id: string } | null>;

  beforeAll(async () => {
    await seedDemoArchive(db);
    users.signedOut = null;
    users.noRole = await makeUser(null);
    users.disabled = await makeUser("admin", { disabled: true });
    users.editor = await makeUser("editor");
    users.trustedEditor = await makeUser("editor", { trusted: true });
    users.reviewer = await makeUser("reviewer");
    users.admin = await makeUser("admin");
  });

  it("has a rule for every procedure in the router", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures).toEqual(Object.keys(ACCESS).sort());
  });

  for (const [path, rule] of Object.entries(ACCESS)) {
    for (const caller of CALLERS) {
      const outcome = expected(rule.access, caller);
      it(`${path} as ${caller}: ${outcome}`, async () => {
        const api = (await callerFor(users[caller])) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
        const [namespace, name] = path.split(".") as [string, string];
        const input = rule.input ? await rule.input() : undefined;
        const result = await api[namespace]![name]!(input).then(
          () => "ok" as const,
          (error: unknown) => (error instanceof TRPCError ? error.code : `unexpected ${String(error)}`),
        );
        expect(result).toBe(outcome);
      });
    }
  }
});
