// What an outside attack found (issue 14), each over real HTTP against the production build.
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "./fixtures";

test.describe("sign-in never sends a browser to another host", () => {
  const tricks = ["/%09/other-host.example/x", "/%0d/other-host.example/x", "/%0a/other-host.example", "/%5C/other-host.example", "//other-host.example", "/.//other-host.example/x"];

  test("a signed-in visitor is redirected to a path on this site, whatever the callback", async ({ page }) => {
    await signIn(page, "editor");
    for (const trick of tricks) {
      const response = await page.request.get(`/sign-in?callbackUrl=${trick}`, { maxRedirects: 0 });
      expect(response.status(), trick).toBe(307);
      const target = new URL(response.headers()["location"]!, page.url());
      expect(target.host, `${trick} -> ${response.headers()["location"]}`).toBe(new URL(page.url()).host);
    }
    // Non-ASCII characters: a redirect to the path, percent-encoded; control characters: a 400 page, never a server error.
    const accented = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent("/desk/\u00e9t\u00e9")}`, { maxRedirects: 0 });
    expect(accented.status()).toBe(307);
    expect(accented.headers()["location"]).toContain("/desk/%C3%A9t%C3%A9");
    const control = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent("/desk\u0000\u0001")}`, { maxRedirects: 0 });
    expect(control.status()).toBe(400);
  });

  test("signing in through the form with a crafted callback lands on this site", async ({ page }) => {
    await page.goto(`/sign-in?callbackUrl=${tricks[0]}`);
    await page.getByLabel("Email").fill(ACCOUNTS.reviewer);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForLoadState("load");
    expect(new URL(page.url()).hostname).toBe("localhost");
  });
});

test("the client address comes from the connection or the trusted proxy, never from what the client wrote", async ({ page, request: api }) => {
  // This server trusts one proxy (scripts/e2e-server.ts): the entry it appended is the address,
  // everything left of it is the client's own claim.
  const email = `forger-${Date.now()}@dossier.test`;
  const attempt = async (forwardedFor: string) => {
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return api.post("/api/auth/callback/credentials", {
      form: { email, password: "not-the-password-123", csrfToken },
      headers: { "x-forwarded-for": forwardedFor },
      maxRedirects: 0,
    });
  };
  expect((await attempt("198.51.100.7, 203.0.113.9")).status()).toBe(302);
  expect((await attempt('=HYPERLINK("http://evil.example","x")')).status()).toBe(302);
  expect((await attempt("9".repeat(300))).status()).toBe(302);
  // A header past any column's length on the procedures that answered 500.
  const long = `1.2.3.4, ${"x".repeat(400)}`;
  const reset = await api.post("/api/trpc/account.requestPasswordReset", {
    headers: { "x-forwarded-for": long, "content-type": "application/json" },
    data: { json: { email } },
  });
  expect(reset.status()).toBe(200);

  await signIn(page, "admin", "/admin/audit");
  const csv = await page.request.get(`/admin/audit/export?action=auth.sign_in_failed`);
  const rows = (parse(await csv.text(), { columns: true }) as Record<string, string>[]).filter((r) => r.subject_id === email);
  // Every failure was audited, each with an address the server knew.
  const loopback = (ip: string) => (ip === "127.0.0.1" || ip === "::1" ? "loopback" : ip);
  expect(rows.map((r) => loopback(r.ip!)).sort()).toEqual(["203.0.113.9", "loopback", "loopback"]);
});

test("signing out ends the session on the server: a copy of the cookie no longer works", async ({ page, browser }) => {
  await signIn(page, "editor");
  const copied = await page.context().cookies();
  await page.goto("/sign-out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/desk");
  await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=%2Fdesk/);
  const session = await stolen.request.get("/api/trpc/changeRequests.mine");
  expect(session.status()).toBe(401);
  await thief.close();
});

test("an address no page can read gets a 400 page, never a server error", async ({ page }) => {
  await signIn(page, "admin", "/admin/audit");
  for (const path of ["/browse/people?q=%00", "/admin/audit?actor=%00", "/admin/users?q=%00", "/review?author=%00", "/admin/audit/export?actor=%00", "/collections/%FF", "/records/%FF%FE"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
  }
  await page.goto("/browse/people?q=%00");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This address cannot be read");
  await page.screenshot({ path: "test-results/screens/bad-address.png" });
});

test("ids past the database's integer range are refused as bad input", async ({ request }) => {
  for (const [path, input] of [
    ["records.byId", { id: 2147483648 }],
    ["records.revision", { id: 2147483648, number: 1 }],
    ["entities.byId", { id: 2147483648 }],
    ["entities.records", { id: 2147483648 }],
  ] as const) {
    const response = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
    expect(response.status(), path).toBe(400);
    expect(await response.text(), path).not.toMatch(/prisma|invalid.*invocation/i);
  }
});

test("a batched call carries at most ten procedure calls", async ({ request }) => {
  const batch = (n: number) => {
    const paths = Array.from({ length: n }, () => "search.query").join(",");
    const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), { json: { q: `treaty ${i}` } }]));
    return request.get(`/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
  };
  expect((await batch(10)).status()).toBe(200);
  expect((await batch(11)).status()).toBe(400);
  expect((await batch(150)).status()).toBe(400);
});
