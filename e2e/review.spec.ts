// Curation and review in the browser: edit, submit, review with a diff, approve, history;
// rejection; a conflicting edit resolved without losing either text; withdrawal (410); drafts
// that survive a reload and the end of a session.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { callTrpc, signIn } from "./fixtures";

const PUZANOV_24_JULY = "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 24 July 1957";
const PUZANOV_16_MAY = "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 16 May 1957";

async function as(browser: Browser, who: "editor" | "reviewer" | "admin", returnTo = "/desk") {
  const page = await (await browser.newContext()).newPage();
  // The editor warns before leaving unsaved changes; a user here would confirm.
  page.on("dialog", (dialog) => void dialog.accept());
  await signIn(page, who, returnTo);
  return page;
}

/** A record's path, found the way a reader would: through search. */
async function openRecord(page: Page, title: string, query: string) {
  await page.goto(`/search?q=${encodeURIComponent(query)}`);
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  return new URL(page.url()).pathname;
}

const recordIdOf = (path: string) => Number(/\/records\/(\d+)/.exec(path)![1]);

test.describe("curation and review", () => {
  test("a reviewer turns single-key shortcuts off and on, and a batch approval is confirmed first and reports what it did", async ({ browser }) => {
    const editor = await as(browser, "editor");
    const title = `A memorandum for the batch ${Date.now()}`;
    const proposed = await callTrpc(editor, "changeRequests.propose", { content: { title, dateText: "1958", summary: "For the batch approval test.", originalLanguage: "en", documentType: "memorandum" }, message: "For the batch approval test." }, "mutation");
    expect(proposed.status).toBe(200);
    const reviewer = await (await browser.newContext()).newPage();
    await signIn(reviewer, "reviewer", "/account");
    // Off: the keys do nothing on a review page.
    await reviewer.getByLabel(/Single-key shortcuts on review pages/).uncheck();
    await reviewer.getByRole("button", { name: "Save preferences" }).click();
    await expect(reviewer.getByRole("status").filter({ hasText: "Saved" })).toContainText("shortcuts off");
    await reviewer.goto("/review");
    await expect(reviewer.getByText("Single-key shortcuts are off")).toBeVisible();
    await reviewer.getByRole("link", { name: title }).click();
    await expect(reviewer.getByRole("button", { name: /Approve and publish/ })).toBeVisible();
    await reviewer.keyboard.press("a");
    await expect(reviewer.getByRole("alertdialog")).toHaveCount(0);
    await expect(reviewer.locator("kbd", { hasText: /^a$/ })).toHaveCount(0);
    // On again.
    await reviewer.goto("/account");
    await reviewer.getByLabel(/Single-key shortcuts on review pages/).check();
    await reviewer.getByRole("button", { name: "Save preferences" }).click();
    await expect(reviewer.getByRole("status").filter({ hasText: "Saved" })).toContainText("shortcuts on");

    // A batch: dismissing the confirmation approves nothing; accepting approves and says so.
    await reviewer.goto("/review");
    await reviewer.getByRole("checkbox", { name: new RegExp(`Select #\\d+ ${title}`) }).check();
    reviewer.once("dialog", (dialog) => void dialog.dismiss());
    await reviewer.getByRole("button", { name: "Approve selected (1)" }).click();
    await expect(reviewer.getByRole("link", { name: title })).toBeVisible();
    const messages: string[] = [];
    reviewer.once("dialog", (dialog) => {
      messages.push(dialog.message());
      void dialog.accept();
    });
    await reviewer.getByRole("button", { name: "Approve selected (1)" }).click();
    await expect(reviewer.getByRole("status").filter({ hasText: "Approved and published" })).toContainText("Approved and published 1 request.");
    expect(messages).toEqual(["Approve and publish 1 request?"]);
    await expect(reviewer.getByRole("link", { name: title })).toHaveCount(0);
  });

  test("an editor edits the 24 July 1957 Puzanov journal, a reviewer approves it from the diff, and the public sees it with its history", async ({ browser }) => {
    const editor = await as(browser, "editor");
    const recordPath = await openRecord(editor, PUZANOV_24_JULY, "banknotes");
    await editor.getByRole("link", { name: "Edit this record" }).click();
    await expect(editor.getByRole("heading", { level: 1 })).toHaveText(PUZANOV_24_JULY);

    // The live date preview says how the date is understood.
    const date = editor.getByLabel("Date", { exact: true });
    await date.fill("July 1957");
    await expect(editor.getByTestId("date-preview")).toContainText("between 1 Jul 1957 and 31 Jul 1957, month precision");
    await date.fill("24 July 1957");
    await expect(editor.getByTestId("date-preview")).toContainText("24 Jul 1957");

    const summary = editor.getByLabel("Summary");
    await summary.fill(`${await summary.inputValue()} They agree that the new banknotes will be printed in Moscow.`);
    await expect(editor.getByTestId("save-status")).toContainText("Draft saved", { timeout: 10_000 });
    await expect(editor).toHaveURL(/\/desk\/requests\/\d+$/);
    await editor.screenshot({ path: "test-results/screens/editor.png", fullPage: true });

    // The draft survives a reload.
    await editor.reload();
    await expect(editor.getByLabel("Summary")).toHaveValue(/printed in Moscow/);
    await editor.getByLabel("What changed and why").fill("Adds the printing agreement from the journal's last page.");
    await editor.getByRole("button", { name: "Submit for review" }).click();
    await expect(editor.getByRole("status").filter({ hasText: "Submitted" })).toBeVisible();
    await expect(editor.getByText("pending", { exact: true })).toBeVisible();

    // The reviewer finds it in the queue and reads the word-level diff.
    const reviewer = await as(browser, "reviewer", "/review");
    const backlog = async () => Number((await reviewer.getByRole("status", { name: "Backlog" }).innerText()).match(/(\d+) pending/)![1]);
    const before = await backlog();
    expect(before).toBeGreaterThanOrEqual(1);
    await reviewer.screenshot({ path: "test-results/screens/queue.png", fullPage: true });
    await reviewer.getByRole("link", { name: PUZANOV_24_JULY }).click();
    const change = reviewer.locator('[data-field="summary"]');
    await expect(change.locator("ins")).toContainText("printed in Moscow");
    await expect(reviewer.locator("[data-field]")).toHaveCount(1);
    await reviewer.screenshot({ path: "test-results/screens/review.png", fullPage: true });
    // The shortcut works once the page is interactive; retry the key until it has. One key never
    // publishes: "a" asks, Escape cancels (nothing happens), then "a" and Enter approve.
    await expect(async () => {
      await reviewer.keyboard.press("a");
      await expect(reviewer.getByRole("alertdialog")).toContainText("Approve and publish this change now?", { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await reviewer.keyboard.press("Escape");
    await expect(reviewer.getByRole("alertdialog")).toHaveCount(0);
    await expect(reviewer).toHaveURL(/\/review\/\d+$/);
    const reviewing = reviewer.url();
    await reviewer.keyboard.press("a");
    await expect(reviewer.getByRole("button", { name: /Yes, publish/ })).toBeFocused();
    await reviewer.keyboard.press("Enter");
    // Approved: on to the next request in the queue, or back to the queue when none is left.
    await expect(reviewer).not.toHaveURL(reviewing);
    await reviewer.goto("/review");
    await expect(reviewer.getByRole("status", { name: "Backlog" })).toContainText(`${before - 1} pending`);

    // The public record shows the change; its history lists the revision with its message.
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(recordPath);
    await expect(reader.getByText("printed in Moscow")).toBeVisible();
    // And it is searchable moments later: the approval's outbox row reached the index.
    await expect(async () => {
      await reader.goto("/search?q=%22printed%20in%20Moscow%22");
      await expect(reader.getByRole("link", { name: PUZANOV_24_JULY })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await reader.goto(`/records/${recordIdOf(recordPath)}/history`);
    const latest = reader.getByRole("row").nth(1);
    await expect(latest).toContainText("current");
    await expect(latest).toContainText("Emil Editor");
    await expect(latest).toContainText("Rosa Reviewer");
    await expect(latest).toContainText("Adds the printing agreement");
    await reader.screenshot({ path: "test-results/screens/history.png", fullPage: true });
    await reader.getByRole("button", { name: "Compare selected revisions" }).click();
    await expect(reader.locator('[data-field="summary"] ins')).toContainText("printed in Moscow");
    await reader.goto(`/records/${recordIdOf(recordPath)}/revisions/1`);
    await expect(reader.getByRole("note")).toContainText("The current revision is");
    await expect(reader.getByText("printed in Moscow")).toHaveCount(0);
  });

  test("a new record rejected with a reason: the reason reaches the editor", async ({ browser }) => {
    const title = `Memorandum on timber workers, draft copy ${Date.now()}`;
    const editor = await as(browser, "editor", "/desk");
    await editor.getByRole("link", { name: "New record" }).click();
    await editor.getByLabel("Title").fill(title);
    await editor.getByLabel("Date", { exact: true }).fill("circa 1957");
    await expect(editor.getByTestId("date-preview")).toContainText("approximate");
    await editor.getByLabel("Summary").fill("A copy of a memorandum already in the archive.");
    await editor.getByLabel("Original language").fill("ru");
    await editor.getByLabel("What changed and why").fill("Adds a copy found in the ministry's file.");
    await editor.getByRole("button", { name: "Submit for review" }).click();
    await expect(editor.getByRole("status").filter({ hasText: "Submitted" })).toBeVisible();

    const reviewer = await as(browser, "reviewer", "/review");
    await reviewer.getByRole("link", { name: title }).click();
    await expect(async () => {
      await reviewer.keyboard.press("r");
      await expect(reviewer.getByLabel("Reason for rejecting")).toBeFocused({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await reviewer.getByLabel("Reason for rejecting").fill("This duplicates the 24 July 1957 journal; add it there instead.");
    await reviewer.getByRole("button", { name: "Reject request" }).click();
    await expect(reviewer).toHaveURL(/\/review$/);

    await editor.goto("/desk");
    const row = editor.getByRole("row").filter({ hasText: title });
    await expect(row).toContainText("rejected");
    await expect(row).toContainText("This duplicates the 24 July 1957 journal");
    await editor.screenshot({ path: "test-results/screens/desk.png", fullPage: true });
    await row.getByRole("link").click();
    await expect(editor.getByRole("note")).toContainText("Rejected by");
    await expect(editor.getByRole("note")).toContainText("add it there instead");
  });

  test("a bad date and an empty title are refused at the field, and the draft keeps them", async ({ browser }) => {
    const editor = await as(browser, "editor", "/desk/new");
    await editor.getByLabel("Title").fill("   ");
    await editor.getByLabel("Date", { exact: true }).fill("the 32nd of Julember");
    await expect(editor.getByTestId("date-preview")).toContainText(/not|cannot|understand/i);
    await editor.getByRole("button", { name: "Submit for review" }).click();
    await expect(editor.locator("#field-title-error")).toHaveText("Enter a title");
    await expect(editor.locator("#field-dateText-error")).not.toBeEmpty();
    await expect(editor.locator("#field-message-error")).toContainText("what changed and why");
    await editor.reload();
    await expect(editor.getByLabel("Date", { exact: true })).toHaveValue("the 32nd of Julember");
  });

  test("a conflicting edit is resolved in the UI without losing either text", async ({ browser }) => {
    const editor = await as(browser, "editor");
    const admin = await as(browser, "admin");
    const recordPath = await openRecord(editor, PUZANOV_16_MAY, "Puzanov 16 May");
    const recordId = recordIdOf(recordPath);
    // Two edits of the same summary from the same revision: the admin's and the editor's.
    const start = (await callTrpc(editor, "changeRequests.startEdit", { recordId }, "query")).body.result.data.json;
    const propose = (page: Page, summary: string) =>
      callTrpc(page, "changeRequests.propose", { recordId, baseRevisionId: start.baseRevisionId, content: { ...start.content, summary }, message: "Rewrites the summary." }, "mutation");
    const first = await propose(admin, "Puzanov meets Kim Il Sung about Czechoslovak aid.");
    expect(first.status).toBe(200);
    const second = await propose(editor, "Kim Il Sung asks Puzanov for advice on the five-year plan.");
    expect(second.status).toBe(200);

    const reviewer = await as(browser, "reviewer", `/review/${first.body.result.data.json.id}`);
    await reviewer.getByRole("button", { name: /Approve and publish/ }).click();
    // After a decision the next request in the queue opens: the editor's, now in conflict.
    await expect(reviewer).toHaveURL(new RegExp(`/review/${second.body.result.data.json.id}$`));
    const conflict = reviewer.locator('[data-conflict="summary"]');
    await expect(conflict).toContainText("Puzanov meets Kim Il Sung about Czechoslovak aid.");
    await expect(conflict).toContainText("Kim Il Sung asks Puzanov for advice on the five-year plan.");
    await expect(reviewer.getByRole("button", { name: "Resolve 1 conflict to approve" })).toBeDisabled();
    await conflict.getByLabel("Combine and edit").check();
    const result = conflict.getByLabel("Result for summary");
    // Both texts, each after a line saying whose it is; not publishable until those lines are gone.
    await expect(result).toHaveValue(/⟦ From the current version.*⟧\n\n.*Czechoslovak aid\.\n\n⟦ From the proposed change.*⟧\n\nKim Il Sung asks.*\n\n⟦ End of the two versions.*⟧$/);
    await expect(reviewer.getByRole("button", { name: "Resolve 1 conflict to approve" })).toBeDisabled();
    await result.fill("Puzanov meets Kim Il Sung about Czechoslovak aid; Kim asks his advice on the five-year plan.");
    await reviewer.screenshot({ path: "test-results/screens/conflict.png", fullPage: true });
    const requestUrl = reviewer.url();
    await reviewer.getByRole("button", { name: "Approve and publish" }).click();
    await expect(reviewer).not.toHaveURL(requestUrl);
    await expect(reviewer).toHaveURL(/\/review(\/\d+)?$/);
    // Decided, the request says so, and no longer that something "needs your choice".
    await reviewer.goto(requestUrl);
    await expect(reviewer.getByText("This request is approved")).toBeVisible();
    await expect(reviewer.getByText(/your choice|Resolve the conflicts/)).toHaveCount(0);

    const reader = await (await browser.newContext()).newPage();
    await reader.goto(recordPath);
    await expect(reader.getByText("Kim asks his advice on the five-year plan")).toBeVisible();
    await reader.goto(`/records/${recordId}/history`);
    // Both approvals are in the history: the admin's edit, then the resolved one on top.
    await expect(reader.getByRole("row").nth(1)).toContainText("Emil Editor");
    await expect(reader.getByRole("row").nth(2)).toContainText("Ada Admin");
  });

  test("an editor whose record changed meanwhile brings the draft up to date without losing a word", async ({ browser }) => {
    const HOXHA = "Notes taken during a Meeting between Enver Hoxha and Choe Yong-geon";
    const editor = await as(browser, "editor");
    const recordPath = await openRecord(editor, HOXHA, "Hoxha");
    await editor.getByRole("link", { name: "Edit this record" }).click();
    await editor.getByLabel("Locator").fill("fond 14/APL, dosja 12");
    await expect(editor.getByTestId("save-status")).toContainText("Draft saved", { timeout: 10_000 });
    const draftUrl = new URL(editor.url()).pathname;

    // Meanwhile an admin's change to another field is approved.
    const admin = await as(browser, "admin");
    const start = (await callTrpc(admin, "changeRequests.startEdit", { recordId: recordIdOf(recordPath) }, "query")).body.result.data.json;
    const proposed = await callTrpc(admin, "changeRequests.propose", { recordId: recordIdOf(recordPath), baseRevisionId: start.baseRevisionId, content: { ...start.content, rights: "Albanian Central State Archive" }, message: "Names the rights holder." }, "mutation");
    const reviewer = await as(browser, "reviewer");
    const { id, version } = proposed.body.result.data.json;
    expect((await callTrpc(reviewer, "changeRequests.approve", { id, expectedVersion: version }, "mutation")).status).toBe(200);

    await editor.goto(draftUrl);
    const panel = editor.getByRole("region", { name: "The record changed since you started" });
    await expect(panel).toContainText("Rights");
    await editor.getByRole("button", { name: "Bring my draft up to date" }).click();
    await expect(panel).toHaveCount(0);
    await expect(editor.getByLabel("Locator")).toHaveValue("fond 14/APL, dosja 12");
    await expect(editor.getByLabel("Rights")).toHaveValue("Albanian Central State Archive");
  });

  test("an admin withdraws a record: its URL answers 410 and it leaves search; restoring brings it back", async ({ browser }) => {
    const admin = await as(browser, "admin");
    const recordPath = await openRecord(admin, PUZANOV_16_MAY, "Puzanov 16 May");
    await admin.getByRole("button", { name: "Withdraw…" }).click();
    await admin.getByLabel("Reason for withdrawal").fill("Rights holder asked us to take it down pending review.");
    await admin.getByRole("button", { name: "Withdraw from the public archive" }).click();
    // Admins (and reviewers) still read it, marked as withdrawn, to decide on a restore.
    await expect(admin.getByRole("status").filter({ hasText: "not part of the public archive" })).toBeVisible();
    expect((await admin.request.get(recordPath)).status()).toBe(200);
    await admin.screenshot({ path: "test-results/screens/withdrawn-admin.png" });

    const reader = await (await browser.newContext()).newPage();
    const response = await reader.goto(recordPath);
    expect(response?.status()).toBe(410);
    await reader.screenshot({ path: "test-results/screens/withdrawn.png" });
    await expect(reader.getByRole("heading", { name: "This document has been withdrawn" })).toBeVisible();
    // The page says what was withdrawn, when it was dated and why.
    await expect(reader.getByText(PUZANOV_16_MAY)).toBeVisible();
    await expect(reader.getByText("16 May 1957", { exact: true })).toBeVisible();
    await expect(reader.getByText("Rights holder asked us to take it down pending review.")).toBeVisible();
    expect((await reader.goto(`/records/${recordIdOf(recordPath)}/history`))?.status()).toBe(410);
    await expect(async () => {
      await reader.goto("/search?q=Puzanov%2016%20May");
      await expect(reader.getByRole("link", { name: PUZANOV_16_MAY })).toHaveCount(0);
    }).toPass({ timeout: 10_000 });

    await admin.reload();
    await admin.getByRole("button", { name: "Restore to the public archive" }).click();
    // The admin saw the title all along; the restore is done when the banner goes.
    await expect(admin.getByRole("status").filter({ hasText: "not part of the public archive" })).toHaveCount(0);
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(PUZANOV_16_MAY);
    expect((await reader.goto(recordPath))?.status()).toBe(200);
    await expect(async () => {
      await reader.goto("/search?q=Puzanov%2016%20May");
      await expect(reader.getByRole("link", { name: PUZANOV_16_MAY })).toBeVisible();
    }).toPass({ timeout: 10_000 });
  });

  test("nothing typed is lost when the session ends: after signing in again the draft comes back", async ({ browser }) => {
    const context = await browser.newContext();
    const editor = await context.newPage();
    editor.on("dialog", (dialog) => void dialog.accept());
    await signIn(editor, "editor", "/desk/new");
    await editor.getByLabel("Title").fill("Notes on the Sinuiju conference");
    await expect(editor.getByTestId("save-status")).toContainText("Draft saved", { timeout: 10_000 });
    const draftUrl = new URL(editor.url()).pathname;
    // The session ends (cookies gone), and the editor keeps typing.
    await context.clearCookies();
    await editor.getByLabel("Summary").fill("Typed after the session ended; must not be lost.");
    await expect(editor.getByTestId("save-status")).toContainText("Your session has ended", { timeout: 10_000 });
    await signIn(editor, "editor", draftUrl);
    await expect(editor.getByLabel("Summary")).toHaveValue("Typed after the session ended; must not be lost.");
    await expect(editor.getByTestId("save-status")).toContainText("Draft saved", { timeout: 10_000 });
    // And now the server has it too: another device sees it.
    const other = await as(browser, "editor", draftUrl);
    await expect(other.getByLabel("Summary")).toHaveValue("Typed after the session ended; must not be lost.");
  });
});
