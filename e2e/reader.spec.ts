import { expect, test } from "@playwright/test";

test.describe("a public reader", () => {
  test("opens the home page and sees recent documents and collections", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Documents of the Cold War");
    await expect(page.getByRole("heading", { name: "Recently published" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Documents" }).getByRole("listitem")).toHaveCount(6);
    await expect(page.getByRole("link", { name: "Korean War" })).toBeVisible();
    await expect(page.getByRole("link", { name: "North Korea and the Socialist Bloc" })).toBeVisible();
  });

  test("reads a record page with its date as written, people and related records both ways", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /Ciphered Telegram, Shtykov/ }).click();
    await expect(page).toHaveURL(/\/records\/\d+-ciphered-telegram-shtykov/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Ciphered Telegram, Shtykov to Deputy Foreign Minister Andrei Gromyko and Instantsia (Stalin)",
    );
    await expect(page.getByText("30 September 1950").first()).toBeVisible();
    const people = page.getByRole("complementary").getByRole("link", { name: "Choe Yong-geon", exact: true });
    await expect(people).toBeVisible();
    const related = page.getByRole("link", { name: "Telegram from Shtykov to Gromyko and Stalin" });
    await expect(related).toBeVisible();
    // The link shows on the other record too, and its date reads in the same form ("1950-09-29"
    // as typed is shown as "29 September 1950", with the form as written kept in the details).
    await related.click();
    await expect(page.getByRole("link", { name: /Ciphered Telegram, Shtykov/ })).toBeVisible();
    await expect(page.locator("header time")).toHaveText("29 September 1950");
    await expect(page.locator("header time")).toHaveAttribute("datetime", "1950-09-29");
    await expect(page.getByRole("definition").filter({ hasText: "as written: 1950-09-29" })).toBeVisible();
  });

  test("reads a revision's permalink with every field the record page has, and its absolute permanent link", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /Ciphered Telegram, Shtykov/ }).click();
    await expect(page).toHaveURL(/\/records\/\d+-/);
    const id = /\/records\/(\d+)/.exec(page.url())![1];
    // Revision 2 is the one that links it to the telegram of the day before.
    await page.goto(`/records/${id}/revisions/2`);
    const details = page.locator("dl").first();
    for (const term of ["Date", "Type", "Original language", "Source", "Collection", "People", "Related documents"]) {
      await expect(details.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) }), term).toBeVisible();
    }
    await expect(details.getByRole("link", { name: "Terentii Shtykov" })).toBeVisible();
    await expect(details.getByRole("link", { name: "Telegram from Shtykov to Gromyko and Stalin" })).toBeVisible();
    await expect(page.locator("[data-print=permalink]").getByRole("link", { name: new RegExp(`^http://localhost:\\d+/records/${id}/revisions/2$`) })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/revision-page.png", fullPage: true });
  });

  test("sees places on maps: the places a search's documents mention, each dot a filter, and a place's own page", async ({ page }) => {
    await page.goto("/search?q=Shtykov");
    const map = page.getByRole("figure", { name: /^Map of the places these documents mention: .*38th parallel \(1\)/ });
    await expect(map).toBeVisible();
    expect(await map.locator("circle").count()).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/screens/search-map.png", fullPage: true });
    await page.locator("figure.map figcaption").getByRole("link", { name: /38th parallel/ }).click();
    await expect(page).toHaveURL(/place=\d+/);
    await expect(page.locator("figure.map figcaption").getByRole("link", { name: /38th parallel/ })).toHaveAttribute("aria-current", "true");
    await expect(page.getByText(/Results: 1 - 1 of 1 Documents/)).toBeVisible();

    await page.goto("/browse/places");
    await page.getByRole("link", { name: "38th parallel" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("38th parallel");
    await expect(page.getByRole("figure", { name: "Map: 38th parallel at 38.0000° N, 127.0000° E" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/place-map.png", fullPage: true });
  });

  test("copies a record's absolute stable link, and prints it without the site's navigation", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/");
    await page.getByRole("link", { name: /Ciphered Telegram, Shtykov/ }).click();
    await expect(page).toHaveURL(/\/records\/\d+-/);
    const id = /\/records\/(\d+)/.exec(page.url())![1];
    const stable = page.getByRole("link", { name: new RegExp(`^http://localhost:\\d+/records/${id}$`) });
    await expect(stable).toBeVisible();
    await page.getByRole("button", { name: "Copy the stable link" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await stable.textContent());
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("dd").filter({ hasText: /^Archive of the President of the Russian Federation/ })).toBeVisible();
    await expect(stable).toBeVisible();
    await expect(page.getByRole("navigation").first()).toBeHidden();
    await expect(page.getByRole("region", { name: "Cite this document" })).toBeHidden();
    await expect(page.getByRole("complementary")).toBeHidden();
    if (process.env.SCREENSHOTS) await page.pdf({ path: "test-results/screens/record-print.pdf" });
  });

  test("opens Choe Yong-geon's entity page: nine results, oldest or newest first", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /Telegram from Czech Embassy/ }).click();
    await expect(page).toHaveURL(/\/records\/\d+-telegram-from-czech-embassy/);
    await page.getByRole("complementary").getByRole("link", { name: "Choe Yong-geon", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choe Yong-geon");
    await expect(page.getByText("Results: 1 - 9 of 9")).toBeVisible();
    const items = page.getByRole("list", { name: "Documents" }).getByRole("listitem");
    await expect(items).toHaveCount(9);
    await expect(items.first()).toContainText("Telegram from Shtykov to Gromyko and Stalin");
    for (const variant of ["Choe Yeonggeon", "Ch'oe Yong-gŏn", "최용건"]) await expect(page.getByText(variant, { exact: true })).toBeVisible();

    await page.getByRole("link", { name: "newest first" }).click();
    await expect(page).toHaveURL(/sort=desc/);
    await expect(items.first()).toContainText("Mao Zedong's Conversation");
    await expect(page.getByText("Results: 1 - 9 of 9")).toBeVisible();
  });

  test("keeps old links working: an id with any slug, or none, lands on the record", async ({ page }) => {
    await page.goto("/records/1");
    await expect(page).toHaveURL(/\/records\/1-telegram-from-shtykov-to-gromyko-and-stalin$/);
    await page.goto("/records/1-a-title-it-once-had");
    await expect(page).toHaveURL(/\/records\/1-telegram-from-shtykov-to-gromyko-and-stalin$/);
  });

  test("gets a helpful 404 for a record that does not exist", async ({ page }) => {
    const response = await page.goto("/records/99999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  });
});

test("a reader browses people A-Z, filters by a variant spelling and opens the collections index", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("People");
  await page.getByRole("navigation", { name: "First letter" }).getByRole("link", { name: "C", exact: true }).click();
  await expect(page.getByRole("link", { name: "Choe Yong-geon" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Choe Yong-geon" })).toContainText("9");
  await page.screenshot({ path: "test-results/screens/browse.png", fullPage: true });
  await page.getByLabel("Filter by name").fill("Yeonggeon");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("status")).toHaveText("1 person");
  await page.getByRole("navigation", { name: "Kinds" }).getByRole("link", { name: "Collections" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Collections");
  await expect(page.getByRole("link", { name: "Korean War" })).toBeVisible();
});

test("pages carry a nonce-based Content-Security-Policy, and still run their scripts", async ({ page }) => {
  const response = await page.goto("/search");
  const csp = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
  // Every script Next rendered carries this response's nonce.
  const nonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(nonces.every((n) => n === nonce)).toBe(true);
  // And the page is interactive: suggestions appear as the reader types.
  await page.getByRole("combobox").first().fill("Choe");
  await expect(page.getByRole("option").first()).toBeVisible();
  // A second load gets a different nonce.
  const again = (await page.goto("/search"))?.headers()["content-security-policy"] ?? "";
  expect(again).not.toContain(`'nonce-${nonce}'`);
});

test("every page names its icon, and the icon is served (no 404 for the favicon)", async ({ page }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
