import { expect, test } from "@playwright/test";

test.describe("a reader searching the archive", () => {
  test("finds all nine of Choe Yong-geon's records under the variant Choe Yeonggeon, with the variant shown", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("combobox", { name: "Search the archive" }).fill("Choe Yeonggeon");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=Choe\+Yeonggeon/);
    await expect(page.getByRole("status").filter({ hasText: "Results" })).toHaveText("Results: 1 - 9 of 9 Documents");
    const hits = page.getByRole("list", { name: "Documents" }).getByRole("listitem");
    await expect(hits).toHaveCount(9);
    await expect(hits.first()).toContainText("Matched as Choe Yeonggeon");
    // A page past the end (a stale link, a hand-edited URL) leads to the last page there is.
    await page.goto("/search?q=Choe+Yeonggeon&page=2");
    await expect(page).toHaveURL(/\/search\?q=Choe\+Yeonggeon(&|$)(?!.*page=2)/);
    await expect(page.getByRole("status").filter({ hasText: "Results" })).toHaveText("Results: 1 - 9 of 9 Documents");
  });

  test("gets suggestions as they type, in any spelling, and picks one", async ({ page }) => {
    await page.goto("/search");
    const box = page.getByRole("combobox", { name: "Search the archive" });
    await box.pressSequentially("최용");
    const option = page.getByRole("option", { name: /최용건/ });
    await expect(option).toBeVisible();
    await expect(option).toContainText("Choe Yong-geon");
    await box.press("ArrowDown");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=%EC%B5%9C%EC%9A%A9%EA%B1%B4/);
    await expect(page.getByText("Results: 1 - 9 of 9 Documents")).toBeVisible();
  });

  test("survives a typo: Shytkov finds the Shtykov telegrams", async ({ page }) => {
    await page.goto("/search?q=Shytkov");
    await expect(page.getByText("Results: 1 - 2 of 2 Documents")).toBeVisible();
    await expect(page.getByText(/Did you mean shtykov\? Showing results for it/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Telegram from Shtykov to Gromyko and Stalin" })).toBeVisible();
    await expect(page.locator("mark").first()).toHaveText("Shtykov");
  });

  test("types a surname with a typo and a day: sees the date chip and the right journal first, and removes the date", async ({ page }) => {
    await page.goto("/search");
    await page.getByRole("combobox", { name: "Search the archive" }).fill("Puzanof 24 July 1957");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("Date in your search:")).toBeVisible();
    await expect(page.locator('time[datetime="1957-07-24"]').first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Remove the date 24 July 1957" })).toBeVisible();
    await expect(page.getByText(/Did you mean puzanov 24 July 1957\?/)).toBeVisible();
    const hits = page.getByRole("list", { name: "Documents" }).getByRole("listitem");
    await expect(hits.first()).toContainText("Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 24 July 1957");
    await expect(hits).toHaveCount(1);
    await page.screenshot({ path: "test-results/screens/search-date-chip-and-typo.png", fullPage: true });
    await page.getByRole("link", { name: "Remove the date 24 July 1957" }).click();
    await expect(page).toHaveURL(/\/search\?q=Puzanof$/);
    await expect(page.getByText("Results: 1 - 3 of 3 Documents")).toBeVisible();
  });

  test("types a word no document has with the others: sees results without it, told which, and can search exactly", async ({ page }) => {
    await page.goto("/search?q=Kim+Il+Sung+Kirghizia");
    await expect(page.getByRole("note").filter({ hasText: "No document has all of your words" })).toContainText("showing results without Kirghizia");
    await expect(page.getByRole("list", { name: "Documents" }).getByRole("listitem").first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/search-relaxed.png", fullPage: true });
    await page.getByRole("link", { name: "Search for exactly “Kim Il Sung Kirghizia”" }).click();
    await expect(page).toHaveURL(/exact=1/);
    await expect(page.getByText("No documents found")).toBeVisible();
    await expect(page.getByText("Exact search: no typo correction")).toBeVisible();
  });

  test("quotes a phrase hyphenated otherwise than the record: finds it by its words, told so, and can search exactly", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent('"Puzanov and Choe Yonggeon discuss"')}`);
    const note = page.getByRole("note").filter({ hasText: "as typed" });
    await expect(note).toContainText("No document has the phrase “Puzanov and Choe Yonggeon discuss” as typed; showing documents with its words in any order.");
    await expect(page.getByRole("list", { name: "Documents" }).getByRole("listitem").first()).toContainText("banknotes");
    await page.screenshot({ path: "test-results/screens/search-phrase-loosened.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/search-phrase-loosened-phone.png", fullPage: true });
    await note.getByRole("link", { name: `Search for exactly "Puzanov and Choe Yonggeon discuss"` }).click();
    await expect(page).toHaveURL(/exact=1/);
    await expect(page.getByText("No documents found")).toBeVisible();
  });

  test("narrows with a facet, a date range and the timeline, and the URL keeps the state", async ({ page }) => {
    await page.goto("/search?q=Choe");
    await expect(page.getByText("Results: 1 - 9 of 9 Documents")).toBeVisible();
    await page.getByRole("region", { name: "Type" }).getByRole("link", { name: /Journal entry/ }).click();
    await expect(page).toHaveURL(/type=journal_entry/);
    await expect(page.getByText("Results: 1 - 3 of 3 Documents")).toBeVisible();
    await page.getByRole("link", { name: "Clear all filters" }).click();
    await expect(page.getByText("Results: 1 - 9 of 9 Documents")).toBeVisible();

    await page.getByLabel("From year").fill("1960");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/from=1960/);
    await expect(page.getByText("Results: 1 - 3 of 3 Documents")).toBeVisible();

    await page.goto("/search?q=Choe");
    await page.getByRole("link", { name: "1957: 3 documents" }).click();
    await expect(page).toHaveURL(/from=1957&to=1957/);
    await expect(page.getByText("Results: 1 - 3 of 3 Documents")).toBeVisible();
    await page.goBack();
    await expect(page.getByText("Results: 1 - 9 of 9 Documents")).toBeVisible();
  });

  test("gets a helpful page when nothing matches", async ({ page }) => {
    await page.goto("/search?q=zzqqxxvv");
    await expect(page.getByText("No documents found")).toBeVisible();
    await expect(page.getByRole("link", { name: "Browse every document" })).toBeVisible();
  });

  test("hostile or malformed search input gets results or a clear 400, never a 500", async ({ page }) => {
    for (const q of ["'; DROP TABLE records; --", "<script>alert(1)</script>", "a & | ! :* ()", "x".repeat(10_000)]) {
      const response = await page.goto(`/search?q=${encodeURIComponent(q)}&page=999999&from=2000&to=1000&person=abc`);
      expect(response?.status(), q.slice(0, 20)).toBe(200);
    }
    const api = await page.request.get(`/api/trpc/search.query?input=${encodeURIComponent(JSON.stringify({ json: { q: "x".repeat(10_000) } }))}`);
    expect(api.status()).toBe(400);
  });
});
