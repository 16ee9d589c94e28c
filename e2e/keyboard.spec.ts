// Keyboard-only journeys (issue 17): a reader searches and opens a result, at desktop and phone
// width, without a mouse and without tabbing through every filter; an editor writes and submits a
// record. (The reviewer's journey, approve with confirmation by keys, is in review.spec.ts.)
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";

/** Presses Tab until `done` holds for the focused element; how many presses it took. */
async function tabUntil(page: Page, done: (el: { tag: string; text: string; name: string; inResults: boolean; id: string }) => boolean, max = 40): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName.toLowerCase() ?? "", text: a?.innerText?.trim() ?? "", name: a?.getAttribute("name") ?? "", inResults: !!a?.closest("#results"), id: a?.id ?? "" };
    });
    if (done(el)) return presses;
  }
  throw new Error(`not reached in ${max} Tab presses`);
}

for (const [width, viewport] of Object.entries({ desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } })) {
  test(`a reader at ${width} width searches and opens a result by keyboard alone, the filters not in the way`, async ({ browser }) => {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto("/");
    await tabUntil(page, (el) => el.tag === "input" && el.name === "q");
    await page.keyboard.type("Shtykov");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=Shtykov/);
    await expect(page.getByRole("list", { name: "Documents" }).getByRole("link").first()).toBeVisible();

    // From the search box, the first result within a few presses: a skip link stands for every
    // filter; on a phone the filters are closed behind one button anyway.
    if (width === "phone") await expect(page.locator("#search-filters")).toBeHidden();
    await page.locator("main input[role=combobox][name=q]").focus();
    const presses = await tabUntil(page, (el) => el.text === "Skip to results" || el.inResults);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => !!document.activeElement?.closest("#results") && document.activeElement?.tagName === "A");
    expect(first, "the first result has focus").toBe(true);
    expect(presses).toBeLessThanOrEqual(6);
    const title = await page.evaluate(() => (document.activeElement as HTMLElement).innerText);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

    if (width === "phone") {
      // The filters open from the top when asked for, by keyboard too.
      await page.goto("/search?q=Shtykov");
      const toggle = page.getByRole("button", { name: /^Filters/ });
      await toggle.focus();
      await page.keyboard.press("Enter");
      await expect(toggle).toHaveAttribute("aria-expanded", "true");
      await expect(page.locator("#search-filters")).toBeVisible();
      await page.screenshot({ path: "test-results/screens/search-phone-filters.png", fullPage: true });
    }
  });
}

test("an editor writes a new record and submits it for review by keyboard alone", async ({ page }) => {
  await signIn(page, "editor", "/desk/new");
  const title = `Keyboard memorandum ${Date.now()}`;
  await page.getByLabel("Title").focus();
  await page.keyboard.type(title);
  for (const [label, text] of [["Date", "12 March 1958"], ["Original language", "en"], ["Summary", "Written without a mouse."], ["What changed and why", "A new memorandum."]] as const) {
    await tabUntil(page, (el) => el.id === `field-${{ Date: "dateText", Summary: "summary", "Original language": "originalLanguage", "What changed and why": "message" }[label]}`, 80);
    await page.keyboard.type(text);
  }
  await tabUntil(page, (el) => el.tag === "button" && el.text === "Submit for review", 20);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Submitted" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});
