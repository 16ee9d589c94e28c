// Every kind of page, for the suites that walk them all (accessibility, plain words): the public
// pages, and those each role reaches, with a record, an entity and a collection found by browsing.
import type { Page } from "@playwright/test";
import type { ACCOUNTS } from "./fixtures";

/** A record, an entity and a collection to visit: the first of each the public pages link to. */
export async function firstLinks(page: Page) {
  await page.goto("/search?q=Choe");
  const record = await page.getByRole("list", { name: "Documents" }).getByRole("link").first().getAttribute("href");
  await page.goto(record!);
  const entity = await page.getByRole("complementary").getByRole("link").first().getAttribute("href");
  const collection = await page.getByRole("link", { name: /Korean War|North Korea/ }).first().getAttribute("href");
  const id = /\/records\/(\d+)/.exec(record!)![1];
  return { record: record!, entity: entity!, collection: collection!, id: id! };
}

export const PUBLIC = (l: Awaited<ReturnType<typeof firstLinks>>) => [
  "/",
  "/search?q=Choe",
  "/search?q=Shytkov%201950",
  "/search?q=%22Puzanov%20and%20Choe%20Yonggeon%20discuss%22",
  "/search?q=zzzxxyq",
  l.record,
  `/records/${l.id}/history`,
  `/records/${l.id}/revisions/1`,
  l.entity,
  l.collection,
  "/collections",
  "/browse/people",
  "/sign-in",
  "/forgot-password",
  "/no-such-page",
];
export const ROLE_PAGES: Record<keyof typeof ACCOUNTS, (l: Awaited<ReturnType<typeof firstLinks>>) => string[]> = {
  editor: (l) => ["/desk", "/desk/new", `/records/${l.id}/edit`, "/imports", "/entities/new", "/account"],
  reviewer: () => ["/review"],
  admin: () => ["/admin/users", "/admin/audit", "/admin/search", "/admin/export"],
};

