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
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${returnTo.replace(/[/?]/g, "\\$&")}$`));
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
