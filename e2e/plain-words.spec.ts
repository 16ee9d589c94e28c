// No internal value reaches a person (issue 17, item 7): on every kind of page, for every role, the
// visible text holds no code ("entity_merge", "change_request.approve"), no internal id
// ("cmx3v…"), no raw JSON, no "undefined"/"null"/"NaN", no "just now ago". What people type and
// machine formats shown as such (<code>, <pre>, form fields) are left out of the check; so is what
// people wrote (titles, names, messages), which the pages isolate in <bdi>.
import { expect, test, type Page } from "@playwright/test";
import { signIn, type ACCOUNTS } from "./fixtures";
import { firstLinks, PUBLIC, ROLE_PAGES } from "./page-kinds";

test.describe.configure({ timeout: 240_000 });

const RAW: [string, RegExp][] = [
  ["a code with underscores", /\b[a-z]+(?:_[a-z]+)+\b/],
  ["an action code", /\b(?:auth|user|change_request|record|entity|search|import|seed)\.[a-z_]+\b/],
  ["an internal id", /\bc[a-z0-9]{20,}\b/],
  ["raw JSON", /[{[]\s*"/],
  ["a missing value", /\b(?:undefined|null|NaN)\b|\[object Object\]/],
  ["“just now ago”", /just now ago/],
];

/** The page's visible words, without form fields, code blocks and what the reader typed. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.body.cloneNode(true) as HTMLElement;
    root.querySelectorAll("bdi, code, pre, kbd, samp, script, style, textarea, input, select, [hidden], [aria-hidden='true']").forEach((n) => n.remove());
    return root.innerText;
  });
}

async function rawValues(page: Page): Promise<string[]> {
  const text = await visibleText(page);
  return RAW.flatMap(([what, pattern]) => {
    const match = new RegExp(pattern.source, "g").exec(text);
    return match ? [`${what}: “${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30).replace(/\s+/g, " ")}”`] : [];
  });
}

/** The first link on `path` whose address matches `pattern`, to visit a page of that kind. */
async function firstHref(page: Page, path: string, pattern: RegExp): Promise<string[]> {
  await page.goto(path);
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
  const found = hrefs.find((h) => pattern.test(h));
  return found ? [found] : [];
}

test("public pages show no internal value", async ({ page }) => {
  const links = await firstLinks(page);
  const found: string[] = [];
  for (const path of PUBLIC(links)) {
    await page.goto(path);
    found.push(...(await rawValues(page)).map((v) => `${path}: ${v}`));
  }
  expect(found).toEqual([]);
});

for (const role of Object.keys(ROLE_PAGES) as (keyof typeof ACCOUNTS)[]) {
  test(`${role} pages show no internal value`, async ({ page }) => {
    const links = await firstLinks(page);
    await signIn(page, role, "/");
    const pages = ROLE_PAGES[role](links);
    // And one of each page these lists lead to: a request, an import, an audit page of events.
    if (role === "editor") pages.push(...(await firstHref(page, "/desk", /^\/desk\/requests\/\d+/)), ...(await firstHref(page, "/imports", /^\/imports\/\d+/)));
    if (role === "reviewer") pages.push(...(await firstHref(page, "/review", /^\/review\/\d+/)), `/records/${links.id}/history`);
    if (role === "admin") pages.push("/admin/audit?page=2", "/admin/audit?subjectType=user");
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      found.push(...(await rawValues(page)).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);
  });
}
