// Bulk import in a real browser: an editor uploads a CSV, maps its columns, sees a reported
// error, fixes the file and checks it again with the saved mapping, submits; a reviewer approves
// the change set; a reader finds an imported record; the editor undoes the import.
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures";

const WORD = `Zanzibarine${Date.now() % 100000}`;
const header = "Title,Written on,Summary,Language,Where,People";
const broken = [
  header,
  `"${WORD} telegram on the grain convoy",12 March 1958,"The convoy left the port with grain.",en,"fond 3, delo ${WORD}-1",Kim Il-sung`,
  `"A second ${WORD} note",the 40th of Nevember,"A date nobody can read.",en,"fond 3, delo ${WORD}-2",`,
].join("\n");
const fixed = broken.replace("the 40th of Nevember", "April 1958");

async function uploadFile(page: Page, name: string, content: string) {
  await page.goto("/imports");
  await page.getByLabel("File to import").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page).toHaveURL(/\/imports\/\d+$/);
  return Number(page.url().split("/").at(-1));
}

/** Screenshots to look at (SCREENSHOTS=1): desktop, and the same page at phone width. */
const shot = async (page: Page, name: string) => {
  if (!process.env.SCREENSHOTS) return;
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-phone.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
};

test("an editor imports a CSV, a reviewer approves it, a reader finds it, the editor undoes it", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, "editor", "/imports");
  await uploadFile(page, "convoys.csv", broken);

  // The mapping step: suggested fields for known headers; "Where" is mapped by hand.
  await expect(page.getByRole("heading", { name: "Which column is which" })).toBeVisible();
  await expect(page.getByLabel("Field for column Title")).toHaveValue("title");
  await expect(page.getByLabel("Field for column Where")).toHaveValue("ignore");
  await page.getByLabel("Field for column Where").selectOption("sourceLocator");
  await page.getByLabel("Field for column Written on").selectOption("dateText");
  await page.getByLabel("Save this mapping as (optional)").fill(`Convoy sheets ${WORD}`);
  await shot(page, "import-mapping");
  await page.getByRole("button", { name: "Check the file" }).click();

  // The report: one row with an error, said plainly with its line.
  await expect(page.getByRole("heading", { name: "What this file would do" })).toBeVisible({ timeout: 20_000 });
  const items = page.getByRole("list", { name: "Items" });
  await expect(items.getByText("line 3")).toBeVisible();
  await expect(items.getByText(/is not a date we can read/)).toBeVisible();
  await shot(page, "import-report");

  // The editor fixes the file, uploads it again and uses the saved mapping.
  await uploadFile(page, "convoys-fixed.csv", fixed);
  await page.getByLabel("Use a saved mapping").selectOption({ label: `Convoy sheets ${WORD} (fits this file)` });
  await expect(page.getByLabel("Field for column Where")).toHaveValue("sourceLocator");
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "What this file would do" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Rows with errors").locator("..")).toContainText("0");
  await page.getByLabel("What this import is and where it comes from").fill("Convoy telegrams from the port archive.");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("status")).toHaveText("Submitted for review.");
  const importUrl = page.url();

  // A reviewer finds it in the queue as one change set and approves it.
  const reviewer = await browser.newPage();
  await signIn(reviewer, "reviewer", "/review");
  await reviewer.getByRole("link", { name: /Import of convoys-fixed\.csv: 2 new, 0 updated/ }).click();
  await expect(reviewer).toHaveURL(importUrl);
  await reviewer.getByRole("button", { name: "Approve all" }).click();
  await expect(reviewer.getByText(/Published 2 records/)).toBeVisible({ timeout: 30_000 });
  await shot(reviewer, "import-approved");

  // A reader finds an imported record.
  const reader = await browser.newPage();
  await expect(async () => {
    await reader.goto(`/search?q=${WORD}+grain`);
    await expect(reader.getByRole("link", { name: `${WORD} telegram on the grain convoy` })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  // The editor undoes the import; the record leaves search.
  await page.reload();
  await page.getByRole("button", { name: "Undo import…" }).click();
  await page.getByRole("button", { name: "Yes, undo the whole import" }).click();
  await expect(page.getByText(/Undone: 2 created records withdrawn/)).toBeVisible({ timeout: 30_000 });
  await shot(page, "import-undone");
  await expect(async () => {
    await reader.goto(`/search?q=${WORD}+grain`);
    await expect(reader.getByRole("link", { name: `${WORD} telegram on the grain convoy` })).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
});

test("a TEI edition that lists its places shows each new place's point before anything is stored", async ({ page }) => {
  await signIn(page, "editor", "/imports");
  await page.getByLabel("File to import").setInputFiles(path.resolve(import.meta.dirname, "../tests/fixtures/imports/tei-places.xml"));
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { name: "What this file would do" })).toBeVisible({ timeout: 20_000 });
  await page.getByText(/^People, places, subjects and collections/).click();
  await expect(page.getByRole("group").getByRole("listitem").filter({ hasText: "Place: Kaesong" })).toContainText("at 37.9708° N, 126.5544° E");
  await expect(page.getByRole("group").getByRole("listitem").filter({ hasText: "Place: Panmunjom" })).not.toContainText("°");
  await expect(page.getByRole("list", { name: "Items" }).getByText(/The coordinates of “Panmunjom” are left out/)).toBeVisible();
  await shot(page, "import-places");
});

test.describe("uploads refused at the door", () => {
  // The e2e server takes files of at most 1 MB (scripts/e2e-server.ts, IMPORT_MAX_BYTES).
  const upload = (page: Page, body: Buffer | string, headers: Record<string, string> = {}) =>
    page.request.post("/api/imports?name=refused.csv", { headers: { "content-type": "application/octet-stream", origin: `http://localhost:${process.env.E2E_PORT ?? 3100}`, ...headers }, data: body });

  test("a file over the limit (413, nothing kept), a compressed upload (415), the wrong body type (415), another site (403)", async ({ page }) => {
    await signIn(page, "editor", "/imports");
    const big = Buffer.from("Title,Date,Summary\n" + "A row,1957,A summary of the row\n".repeat(40_000));
    const tooLarge = await upload(page, big);
    expect(tooLarge.status()).toBe(413);
    expect((await tooLarge.json()).error.message).toMatch(/larger than 1 MB, the most one import takes/);
    expect((await upload(page, Buffer.from([0x1f, 0x8b, 8, 0]), { "content-encoding": "gzip" })).status()).toBe(415);
    expect((await upload(page, "--x--", { "content-type": "multipart/form-data; boundary=x" })).status()).toBe(415);
    expect((await upload(page, "Title\nx\n", { origin: "https://evil.example" })).status()).toBe(403);
    // Nothing of the refused file is listed.
    await page.goto("/imports");
    await expect(page.getByRole("link", { name: "refused.csv" })).toHaveCount(0);
  });
});
