// Every route outside tRPC, called over HTTP as every kind of caller, against the access table
// (server/auth/access.ts); and the session cookie's flags. tRPC procedures are walked one by
// one in tests/integration/authorization.test.ts; here two sample calls show that the tRPC
// route defers to those rules. Server actions (sign in, institutional sign-in, sign out) are
// public by rule and exercised through their forms in accounts.spec.ts.
import { expect, test } from "@playwright/test";
import { type Access, PROCEDURE_ACCESS, ROLE_RANK_OF_ACCESS, ROUTE_ACCESS } from "../server/auth/access";
import { ACCOUNTS, DEMO_PASSWORD, callTrpc, freshAccount, signIn } from "./fixtures";

const BASE = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const CALLERS = ["signedOut", "disabled", "editor", "trustedEditor", "reviewer", "admin"] as const;
type CallerKind = (typeof CALLERS)[number];
const CALLER_RANK: Record<CallerKind, number> = { signedOut: -1, disabled: -1, editor: 1, trustedEditor: 1, reviewer: 2, admin: 3 };

/** Cookies from a response, as a Cookie header (name=value; …), merged over earlier ones. */
function jar(previous: string, response: Response): string {
  const cookies = new Map(previous.split("; ").filter(Boolean).map((c) => [c.split("=")[0]!, c] as const));
  for (const set of response.headers.getSetCookie()) {
    const pair = set.split(";")[0]!;
    cookies.set(pair.split("=")[0]!, pair);
  }
  return [...cookies.values()].join("; ");
}

/** Signs in through next-auth's credentials endpoint; answers the final response and the cookie jar. */
async function credentialsSignIn(email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${BASE}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  let cookie = jar("", csrf);
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded", origin: BASE },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/desk" }),
  });
  cookie = jar(cookie, response);
  return { response, cookie };
}

/** How to call each route once; `allowed` is the status a permitted caller gets. */
const REQUESTS: Record<string, { request: (cookie: string) => Promise<Response>; allowed: number[]; access?: Access }> = {
  "GET /api/trpc/[trpc]": {
    // users.list: admins only, by the procedure's rule.
    request: (cookie) => fetch(`${BASE}/api/trpc/users.list`, { headers: { cookie } }),
    access: PROCEDURE_ACCESS["users.list"],
    allowed: [200],
  },
  "POST /api/trpc/[trpc]": {
    // changeRequests.propose with an empty proposal: editors get past the rule to a 400.
    request: (cookie) =>
      fetch(`${BASE}/api/trpc/changeRequests.propose`, { method: "POST", headers: { cookie, "content-type": "application/json", origin: BASE }, body: JSON.stringify({ json: {} }) }),
    access: PROCEDURE_ACCESS["changeRequests.propose"],
    allowed: [400],
  },
  "GET /api/auth/[...nextauth]": { request: (cookie) => fetch(`${BASE}/api/auth/session`, { headers: { cookie } }), allowed: [200] },
  "POST /api/auth/[...nextauth]": {
    // A wrong password for an unknown address: refused by a redirect to the sign-in page, never 401/403.
    request: async () => (await credentialsSignIn(`nobody-${Math.random()}@example.test`, "wrong password here")).response,
    allowed: [302],
  },
  "GET /api/health": { request: (cookie) => fetch(`${BASE}/api/health`, { headers: { cookie } }), allowed: [200] },
  "GET /admin/audit/export": { request: (cookie) => fetch(`${BASE}/admin/audit/export`, { headers: { cookie } }), allowed: [200] },
  "GET /admin/export/records": { request: (cookie) => fetch(`${BASE}/admin/export/records?format=jsonl`, { headers: { cookie } }), allowed: [200] },
  "POST /api/imports": {
    // A one-line JSON Lines file: editors and up get a new import.
    request: (cookie) =>
      fetch(`${BASE}/api/imports?name=route-table.jsonl`, {
        method: "POST",
        headers: { cookie, "content-type": "application/octet-stream", origin: BASE },
        body: '{"title":"Route table","date":"1957","summary":"S.","originalLanguage":"en","documentType":"other"}\n',
      }),
    allowed: [201],
  },
  // An import nobody may see (it does not exist): editors and up get past the rule to a 404.
  "GET /imports/[id]/report": { request: (cookie) => fetch(`${BASE}/imports/999999/report`, { headers: { cookie } }), allowed: [404] },
  "GET /records/[id]/cite": { request: (cookie) => fetch(`${BASE}/records/1/cite?format=ris`, { headers: { cookie } }), allowed: [200] },
  "GET /oai": { request: (cookie) => fetch(`${BASE}/oai?verb=Identify`, { headers: { cookie } }), allowed: [200] },
  "GET /sitemap.xml": { request: (cookie) => fetch(`${BASE}/sitemap.xml`, { headers: { cookie } }), allowed: [200] },
  "GET /sitemaps/[name]": { request: (cookie) => fetch(`${BASE}/sitemaps/records-1.xml`, { headers: { cookie } }), allowed: [200] },
  "GET /feeds/records.xml": { request: (cookie) => fetch(`${BASE}/feeds/records.xml`, { headers: { cookie } }), allowed: [200] },
  "GET /collections/[slug]/feed.xml": { request: (cookie) => fetch(`${BASE}/collections/korean-war/feed.xml`, { headers: { cookie } }), allowed: [200] },
  "GET /entities/[id]/feed.xml": { request: (cookie) => fetch(`${BASE}/entities/1/feed.xml`, { headers: { cookie } }), allowed: [200] },
  "GET /search/export": { request: (cookie) => fetch(`${BASE}/search/export?q=Choe&format=ris`, { headers: { cookie } }), allowed: [200] },
  "POST /oai": {
    request: (cookie) => fetch(`${BASE}/oai`, { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: "verb=Identify" }),
    allowed: [200],
  },
};

function expected(access: Access, caller: CallerKind, allowed: number[]): number[] {
  if (access === "public") return allowed;
  if (CALLER_RANK[caller] < 0) return [401];
  return CALLER_RANK[caller] >= ROLE_RANK_OF_ACCESS[access] ? allowed : [403];
}

test.describe("the route table over HTTP", () => {
  const cookies = {} as Record<CallerKind, string>;

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    const password = "harbor lantern ninety quills";
    const trusted = await freshAccount(page, "editor", password);
    const disabled = await freshAccount(page, "editor", password);
    cookies.signedOut = "";
    for (const who of ["editor", "reviewer", "admin"] as const) cookies[who] = (await credentialsSignIn(ACCOUNTS[who], DEMO_PASSWORD)).cookie;
    cookies.trustedEditor = (await credentialsSignIn(trusted, password)).cookie;
    cookies.disabled = (await credentialsSignIn(disabled, password)).cookie;
    // The admin marks one trusted and disables the other (after it signed in).
    await signIn(page, "admin", "/admin/users");
    const users = (await callTrpc(page, "users.list", { q: "@example.test" }, "query")).body.result.data.json as { id: string; email: string }[];
    const id = (email: string) => users.find((u) => u.email === email)!.id;
    expect((await callTrpc(page, "users.setTrusted", { userId: id(trusted), trusted: true }, "mutation")).status).toBe(200);
    expect((await callTrpc(page, "users.setDisabled", { userId: id(disabled), disabled: true }, "mutation")).status).toBe(200);
    await page.close();
  });

  test("every route in the table has a request here", () => {
    const routes = Object.keys(ROUTE_ACCESS).filter((r) => !r.startsWith("ACTION "));
    expect(Object.keys(REQUESTS).sort()).toEqual(routes.sort());
  });

  for (const [route, rule] of Object.entries(REQUESTS)) {
    const tableRule = ROUTE_ACCESS[route]!;
    const access: Access = tableRule === "procedures" ? rule.access! : tableRule;
    test(`${route}: ${tableRule}${tableRule === "procedures" ? ` (sample: ${access})` : ""}`, async () => {
      const outcomes: Record<string, number> = {};
      const wanted: Record<string, number[]> = {};
      for (const caller of CALLERS) {
        outcomes[caller] = (await rule.request(cookies[caller])).status;
        wanted[caller] = expected(access, caller, rule.allowed);
      }
      for (const caller of CALLERS) expect(wanted[caller], `${route} as ${caller}: ${JSON.stringify(outcomes)}`).toContain(outcomes[caller]);
    });
  }
});

test.describe("session cookies", () => {
  const sessionCookie = (response: Response) => response.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c));

  test("are HttpOnly and SameSite=Lax; over plain HTTP on localhost, not Secure", async () => {
    const { response } = await credentialsSignIn(ACCOUNTS.editor, DEMO_PASSWORD);
    expect(response.status).toBe(302);
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/^authjs\.session-token=/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
  });

  test("behind an HTTPS proxy they are Secure with the __Secure- prefix", async () => {
    const { response } = await credentialsSignIn(ACCOUNTS.reviewer, DEMO_PASSWORD, { "x-forwarded-proto": "https" });
    expect(response.status).toBe(302);
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
  });
});
