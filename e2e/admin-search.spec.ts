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
