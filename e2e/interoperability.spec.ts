// Getting records out, as a reader's tools see them: the cite box, a reference manager's
// download, the page's embedded metadata, and a full OAI-PMH harvest by Debian's harvester.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { callTrpc, signIn } from "./fixtures";

const run = promisify(execFile);
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE = `http://localhost:${PORT}`;

test.describe("a reader citing a document", () => {
  test("copies the Chicago citation, downloads RIS, and the page carries title, date and archive for Zotero", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/");
    await page.getByRole("link", { name: /Journal of Soviet Ambassador to the DPRK A\.M\. Puzanov for 24 July 1957/ }).click();
    const cite = page.getByRole("region", { name: "Cite this document" });
    await expect(cite).toBeVisible();
    const chicago = cite.locator('[data-style="chicago-note"]');
    await expect(chicago).toContainText("“Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 24 July 1957,”");
    await expect(chicago).toContainText("July 24, 1957");
    await expect(chicago).toContainText("Archive of Foreign Policy of the Russian Federation");
    await expect(chicago).toContainText(/\/records\/\d+\/revisions\/\d+\.$/);
    await cite.getByRole("button", { name: "Copy the Chicago (note) citation" }).click();
    await expect(cite.getByText("Copied")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await chicago.textContent());

    const [download] = await Promise.all([page.waitForEvent("download"), cite.getByRole("link", { name: "RIS" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^dossier-\d+-r\d+\.ris$/);
    const ris = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(ris).toMatch(/^TY {2}- MANSCPT\r\n/);
    expect(ris).toContain("DB  - Archive of Foreign Policy of the Russian Federation (AVPRF)");
    expect(ris).toContain("DA  - 1957/07/24/");

    const meta = async (name: string) => page.locator(`meta[name="${name}"]`).first().getAttribute("content");
    expect(await meta("citation_title")).toBe("Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 24 July 1957");
    expect(await meta("citation_publication_date")).toBe("1957/07/24");
    expect(await meta("DC.source")).toContain("Archive of Foreign Policy of the Russian Federation");
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(jsonLd).toMatchObject({ "@type": "ArchiveComponent", dateCreated: "1957-07-24", holdingArchive: { name: "Archive of Foreign Policy of the Russian Federation (AVPRF)" } });
    if (process.env.SCREENSHOTS) await cite.screenshot({ path: "test-results/screens/cite-box.png" });
  });

  test("a withdrawn or missing record has no citation file", async ({ request }) => {
    expect((await request.get("/records/999999/cite?format=ris")).status()).toBe(404);
    expect((await request.get("/records/1/cite?format=docx")).status()).toBe(400);
    expect((await request.get("/records/1/cite?format=ris&revision=999")).status()).toBe(404);
  });
});

test.describe("exports", () => {
  test("a reader exports a search's results as RIS, one entry per result", async ({ page }) => {
    await page.goto("/search?q=Puzanov");
    await expect(page.getByRole("status").first()).toContainText("of 3 Documents");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "RIS", exact: true }).click()]);
    const ris = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(ris.match(/^TY {2}- MANSCPT\r$/gm)).toHaveLength(3);
    expect(ris).toContain("AU  - Aleksandr Puzanov");
  });

  test("an admin downloads the whole archive as JSON Lines, watching its progress", async ({ page }) => {
    await signIn(page, "admin", "/admin/export");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Export the archive");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as JSON Lines" }).click()]);
    await expect(page.getByRole("status")).toContainText(/Saved \d+ records\./);
    expect(download.suggestedFilename()).toMatch(/^dossier-archive-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l) as { id: number; title: string; revision: number });
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    const saved = Number(/Saved (\d+) records/.exec((await page.getByRole("status").textContent())!)![1]);
    expect(saved).toBe(lines.length);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: "test-results/screens/admin-export.png", fullPage: true });
  });
});

test.describe("an aggregator harvesting over OAI-PMH", () => {
  test("Debian's harvester lists every public record exactly once, across resumption tokens, while a record is withdrawn and restored", async ({ page }) => {
    // An admin withdraws and restores a record over and over while the harvest runs.
    await signIn(page, "admin", "/admin/export");
    const target = (await callTrpc(page, "records.recent", { limit: 1 }, "query")).body.result.data.json[0].id as number;
    let harvesting = true;
    const editing = (async () => {
      let edits = 0;
      while (harvesting || edits < 2) {
        const lookup = (await callTrpc(page, "records.byId", { id: target }, "query")).body.result.data.json;
        const version = lookup.record?.version ?? lookup.version;
        const withdrawn = lookup.withdrawnAt !== undefined && lookup.withdrawnAt !== null;
        const step = withdrawn
          ? await callTrpc(page, "records.restore", { id: target, expectedVersion: version }, "mutation")
          : await callTrpc(page, "records.withdraw", { id: target, expectedVersion: version, reason: "Harvest test" }, "mutation");
        expect(step.status).toBe(200);
        edits++;
      }
      // Left published, as the other tests expect.
      const last = (await callTrpc(page, "records.byId", { id: target }, "query")).body.result.data.json;
      if (last.withdrawnAt) await callTrpc(page, "records.restore", { id: target, expectedVersion: last.record.version }, "mutation");
      return edits;
    })();
    // The e2e server pages by 2 records (OAI_PAGE_SIZE), so ListRecords crosses several tokens.
    const { stdout } = await run("oai_pmh", ["--metadataPrefix", "oai_dc", `${BASE}/oai`], { maxBuffer: 32 * 1024 * 1024 }).finally(() => (harvesting = false));
    expect(await editing).toBeGreaterThanOrEqual(2);
    // It prints each record's header ("identifier: ...") and then its metadata.
    const harvested = [...stdout.matchAll(/identifier: (\S+)$/gm)].map((m) => m[1]!);
    // Each with its Dublin Core, except records withdrawn by other tests (deleted headers).
    const deleted = stdout.match(/^status: deleted$/gm)?.length ?? 0;
    expect((stdout.match(/<oai_dc:dc /g)?.length ?? 0) + deleted).toBe(harvested.length);
    // What the repository says it holds, read page by page here.
    const expected: string[] = [];
    let url = `${BASE}/oai?verb=ListIdentifiers&metadataPrefix=oai_dc`;
    for (;;) {
      const xml = await (await fetch(url)).text();
      expected.push(...[...xml.matchAll(/<identifier>([^<]+)<\/identifier>/g)].map((m) => m[1]!));
      const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1];
      if (!token) break;
      url = `${BASE}/oai?verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`;
    }
    expect(harvested.length).toBeGreaterThanOrEqual(9);
    expect(new Set(harvested).size).toBe(harvested.length);
    expect(harvested.sort()).toEqual(expected.sort());
    const first = await (await fetch(`${BASE}/oai?verb=ListRecords&metadataPrefix=oai_dc`)).text();
    expect(first).toMatch(/<resumptionToken completeListSize="\d+" cursor="0">/);
  });
});
