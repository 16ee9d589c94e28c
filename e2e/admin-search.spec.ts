import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test.describe("the search sync page", () => {
  test("an admin sees the index in sync, rebuilds it with a progress bar and reconciles", async ({ page }) => {
    await signIn(page, "admin", "/admin/search");
    await expect(page.getByRole("heading", { name: "Search sync" })).toBeVisible();
    await expect(page.getByText("PostgreSQL full-text search")).toBeVisible();
    const stat = (label: string) => page.locator("dl > div").filter({ hasText: label }).locator("dd");
    await expect(stat("Published records")).toHaveText("9");
    await expect(stat("In the index")).toHaveText("9");
    await expect(stat("Outbox pending")).toHaveText("0");

    await page.getByRole("button", { name: "Rebuild index" }).click();
    await expect(page.getByText("Rebuild done")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText("9 of 9")).toBeVisible();
    await expect(page.getByRole("progressbar", { name: "Rebuild progress" })).toHaveAttribute("aria-valuenow", "100");

    await page.getByRole("button", { name: "Reconcile now" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Reconcile:" })).toHaveText("Reconcile: 0 missing, 0 stale, 0 extra; repairs queued.");
  });

  test("an editor is refused the sync page", async ({ page }) => {
    await signIn(page, "editor");
    const response = await page.goto("/admin/search");
    expect(response?.status()).toBe(403);
  });
});

test.describe("the audit log", () => {
  test("an admin filters the audit log and downloads it as CSV; an editor is refused both", async ({ page, browser }) => {
    await signIn(page, "admin", "/admin/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await page.getByLabel("Action").selectOption({ label: "Signed in" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=auth.sign_in/);
    const rows = page.getByRole("row");
    await expect(rows.nth(1)).toContainText("admin@dossier.test");
    await expect(rows.nth(1)).toContainText("Signed in");
    await expect(rows.nth(1).getByRole("link", { name: "Account admin@dossier.test" })).toHaveAttribute("href", /\/admin\/users\?q=admin%40dossier.test/);
    await page.screenshot({ path: "test-results/screens/audit.png", fullPage: true });
    const csv = await page.request.get("/admin/audit/export?action=auth.sign_in");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toMatch(/^time,actor,action,subject_type,subject_id,ip,details\n.*admin@dossier\.test,auth\.sign_in/);

    const editor = await (await browser.newContext()).newPage();
    await signIn(editor, "editor");
    expect((await editor.goto("/admin/audit"))?.status()).toBe(403);
    expect((await editor.request.get("/admin/audit/export")).status()).toBe(403);
    expect((await (await browser.newContext()).request.get(`${new URL(page.url()).origin}/admin/audit/export`)).status()).toBe(401);
  });
});
