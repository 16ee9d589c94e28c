// Shared helpers: sign in through the real form, as a user would.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "dossier-demo-password";
export const ACCOUNTS = {
  admin: "admin@dossier.test",
  reviewer: "reviewer@dossier.test",
  editor: "editor@dossier.test",
} as const;

export async function signIn(page: Page, who: keyof typeof ACCOUNTS, returnTo = "/desk") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email").fill(ACCOUNTS[who]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname + url.search === returnTo);
}

/** Calls a tRPC procedure over HTTP with the page's cookies; returns status and JSON body. */
export async function callTrpc(page: Page, path: string, input: unknown, kind: "query" | "mutation") {
  const body = { json: input };
  const response =
    kind === "mutation"
      ? await page.request.post(`/api/trpc/${path}`, { data: body, headers: { "content-type": "application/json" } })
      : await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(body))}`);
  return { status: response.status(), body: await response.json() };
}

const PORT = Number(process.env.E2E_PORT ?? 3100);

/** Mail the e2e server's SMTP server received for an address (scripts/lib/test-mailbox.ts), waiting for `count`. */
export async function mailTo(address: string, count = 1): Promise<{ subject: string; text: string }[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const all = (await (await fetch(`http://localhost:${PORT + 3}/messages`)).json()) as { to: string[]; subject: string; text: string }[];
    const mine = all.filter((m) => m.to.includes(address));
    if (mine.length >= count || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh account with a password, made over HTTP as an admin would (invite, then accept). */
export async function freshAccount(page: Page, role: "editor" | "reviewer" | "admin", password: string) {
  const email = `${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  await signIn(page, "admin", "/admin/users");
  const invited = await callTrpc(page, "users.invite", { email, name: `Fresh ${role}`, role }, "mutation");
  expect(invited.status, JSON.stringify(invited.body)).toBe(200);
  const token = String(invited.body.result.data.json.url).split("/").at(-1);
  await page.context().clearCookies();
  const accepted = await callTrpc(page, "account.acceptInvitation", { token, name: `Fresh ${role}`, password }, "mutation");
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return email;
}

/** Signs in through the form with any account. */
export async function signInAs(page: Page, email: string, password: string, returnTo = "/desk") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname + url.search === returnTo);
}
