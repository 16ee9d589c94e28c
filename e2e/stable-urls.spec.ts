// Stable URLs: every URL a record, entity or collection has had still answers, with the page or
// a redirect to it: the bare id, any earlier title in the slug, every revision's permalink.
import { expect, test, type APIRequestContext } from "@playwright/test";

async function locs(request: APIRequestContext, path: string): Promise<string[]> {
  const xml = await (await request.get(path)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

/** Follows redirects by hand: the chain of statuses and the final path. */
async function follow(request: APIRequestContext, path: string) {
  const statuses: number[] = [];
  for (let hop = 0; hop < 5; hop++) {
    const response = await request.get(path, { maxRedirects: 0 });
    statuses.push(response.status());
    const location = response.headers().location;
    if (!location || response.status() < 300 || response.status() >= 400) return { statuses, path, response };
    path = new URL(location, "http://localhost").pathname;
  }
  throw new Error(`too many redirects from ${path}`);
}

test("every published record answers at its bare id, at any old slug, and at every revision's permalink", async ({ request }) => {
  const maps = await locs(request, "/sitemap.xml");
  const records = (await Promise.all(maps.filter((m) => m.includes("/records-")).map((m) => locs(request, m)))).flat();
  expect(records.length).toBeGreaterThanOrEqual(8);
  for (const canonical of records) {
    const id = /^\/records\/(\d+)-/.exec(canonical)![1]!;
    for (const old of [`/records/${id}`, `/records/${id}-a-title-it-had-before`, `${canonical}/`]) {
      const { statuses, path, response } = await follow(request, old);
      expect(statuses.slice(0, -1).every((s) => s === 307 || s === 308), `${old}: ${statuses}`).toBe(true);
      expect(path.replace(/\/$/, ""), old).toBe(canonical);
      expect(response.status()).toBe(200);
    }
    const history = await (await request.get(`/records/${id}/history`)).text();
    const numbers = [...new Set([...history.matchAll(new RegExp(`/records/${id}/revisions/(\\d+)`, "g"))].map((m) => Number(m[1])))];
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect((await request.get(`/records/${id}/revisions/${n}`)).status(), `revision ${n} of ${id}`).toBe(200);
  }
});

test("every entity answers at its bare id and at an old slug; every collection at its slug", async ({ request }) => {
  const maps = await locs(request, "/sitemap.xml");
  const entities = (await Promise.all(maps.filter((m) => m.includes("/entities-")).map((m) => locs(request, m)))).flat();
  expect(entities.length).toBeGreaterThan(10);
  for (const canonical of entities.slice(0, 30)) {
    const id = /^\/entities\/(\d+)-/.exec(canonical)![1]!;
    for (const old of [`/entities/${id}`, `/entities/${id}-an-older-name`]) {
      const { path, response } = await follow(request, old);
      expect(decodeURIComponent(path), old).toBe(decodeURIComponent(canonical));
      expect(response.status()).toBe(200);
    }
  }
  for (const collection of await locs(request, "/sitemaps/collections.xml")) expect((await request.get(collection)).status()).toBe(200);
});
