// Accessibility to WCAG 2.1 AA, checked by axe-core on every kind of page, for every role, at
// desktop and phone width: no critical and no serious violation. A page that gains one fails.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, type ACCOUNTS } from "./fixtures";
import { firstLinks, PUBLIC, ROLE_PAGES } from "./page-kinds";

test.describe.configure({ timeout: 240_000 });

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** The serious and critical violations on the page as it is now: rule, impact, where. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`));
}

for (const [width, viewport] of Object.entries(WIDTHS)) {
  test(`public pages at ${width} width have no serious or critical accessibility violation`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const links = await firstLinks(page);
    const found: string[] = [];
    for (const path of PUBLIC(links)) {
      await page.goto(path);
      found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);
    await context.close();
  });

  for (const role of Object.keys(ROLE_PAGES) as (keyof typeof ACCOUNTS)[]) {
    test(`${role} pages at ${width} width have no serious or critical accessibility violation`, async ({ browser }) => {
      const context = await browser.newContext({ viewport });
    const page = await context.newPage();
      const links = await firstLinks(page);
      await signIn(page, role, "/");
      const found: string[] = [];
      for (const path of ROLE_PAGES[role](links)) {
        await page.goto(path);
        found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }
}
