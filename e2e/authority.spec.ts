// Authority records in the editor: linking a person under a variant of his name and another
// document, approval, and what readers then see on both sides.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test("an editor links Choe Yong-geon to a record under his variant “Choe Yeonggeon”; after approval his page lists it", async ({ browser }) => {
  const title = `Conversation with Choe Yeonggeon on timber workers ${Date.now()}`;
  const editor = await (await browser.newContext()).newPage();
  await signIn(editor, "editor", "/desk/new");
  await editor.getByLabel("Title").fill(title);
  await editor.getByLabel("Date", { exact: true }).fill("August 1957");
  await editor.getByLabel("Summary").fill("Choe Yeonggeon asks the Soviet embassy about the Korean timber workers in the Soviet Far East.");
  await editor.getByLabel("Original language").fill("ru");

  // The picker finds him under any spelling, accents and case aside, and says which one matched.
  const picker = editor.getByRole("combobox", { name: "Add a person, organization, place or subject" });
  await picker.fill("choe yeong");
  const option = editor.getByRole("option", { name: /Choe Yong-geon.*matched as Choe Yeonggeon/ });
  await expect(option).toBeVisible();
  await option.click();
  const mentions = editor.getByRole("list", { name: "Mentions" });
  await expect(mentions).toContainText("Choe Yong-geon");
  await expect(mentions).toContainText("as “Choe Yeonggeon”");
  await mentions.getByLabel("Role of Choe Yong-geon").selectOption("author");

  // And a typed link to another document.
  await editor.getByRole("combobox", { name: "Link another document" }).fill("banknotes");
  await editor.getByRole("option", { name: /24 July 1957/ }).click();
  await editor.getByRole("list", { name: "Links" }).getByRole("combobox").selectOption("related_to");
  await editor.screenshot({ path: "test-results/screens/pickers.png", fullPage: true });
  await editor.getByRole("button", { name: "Submit for review" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Submitted" })).toBeVisible();

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", "/review");
  await reviewer.getByRole("link", { name: title }).click();
  await expect(reviewer.locator('[data-field="mentions"]')).toContainText("Choe Yong-geon (author, as “Choe Yeonggeon”)");
  await reviewer.getByRole("button", { name: /Approve and publish/ }).click();
  await expect(reviewer).toHaveURL(/\/review$/);

  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  await reader.getByRole("link", { name: title }).first().click();
  await expect(reader.getByText("(as “Choe Yeonggeon”)")).toBeVisible();
  const recordUrl = reader.url();
  await reader.getByRole("link", { name: "Choe Yong-geon" }).click();
  await expect(reader.getByText("Results: 1 - 10 of 10")).toBeVisible();
  await expect(reader.getByRole("link", { name: title })).toBeVisible();
  // His timeline by year, and the people, places and subjects most often beside him.
  await expect(reader.getByRole("group", { name: /Documents per year/ })).toBeVisible();
  await expect(reader.getByRole("complementary")).toContainText("Often together with");
  await expect(reader.getByRole("complementary").getByRole("link", { name: "Aleksandr Puzanov" })).toBeVisible();
  await reader.screenshot({ path: "test-results/screens/entity.png", fullPage: true });
  // The link shows on the other record too, with its inverse label.
  await reader.goto("/search?q=banknotes");
  await reader.getByRole("link", { name: /24 July 1957/ }).first().click();
  await expect(reader.getByRole("complementary")).toContainText(title);

  // Leave the demo archive as the other specs expect it: withdraw the new record again.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin", new URL(recordUrl).pathname);
  await admin.getByRole("button", { name: "Withdraw…" }).click();
  await admin.getByLabel("Reason for withdrawal").fill("Test record");
  await admin.getByRole("button", { name: "Withdraw from the public archive" }).click();
  await expect(admin.getByRole("heading", { name: "This document has been withdrawn" })).toBeVisible();
});

test("an editor adds a variant to Pak Heon-yeong; once approved, the new spelling finds his documents", async ({ browser }) => {
  const HANJA = "朴憲永";
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/search?q=${encodeURIComponent(HANJA)}`);
  await expect(reader.getByText(/Results: 1 - \d+ of \d+ Documents/)).toHaveCount(0);

  const editor = await (await browser.newContext()).newPage();
  await signIn(editor, "editor", "/desk");
  await editor.goto("/search?q=Pak%20Heon-yeong");
  await editor.getByRole("link", { name: "Telegram from Shtykov to Gromyko and Stalin" }).click();
  await expect(editor.getByRole("heading", { level: 1 })).toHaveText("Telegram from Shtykov to Gromyko and Stalin");
  await editor.getByRole("complementary").getByRole("link", { name: "Pak Heon-yeong" }).click();
  await expect(editor.getByRole("heading", { level: 1 })).toHaveText("Pak Heon-yeong");
  await editor.getByRole("link", { name: "Edit names and details" }).click();
  await editor.getByRole("button", { name: "+ Add a name" }).click();
  const count = await editor.getByRole("list", { name: "Names" }).getByRole("listitem").count();
  await editor.getByLabel(`Name ${count}`, { exact: true }).fill(HANJA);
  await editor.getByLabel(`Language of name ${count}`).fill("ko-Hani");
  await editor.screenshot({ path: "test-results/screens/entity-editor.png", fullPage: true });
  await editor.getByRole("button", { name: "Submit for review" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Submitted" })).toBeVisible();
  await expect(editor.locator('[data-field="names"]')).toContainText(`${HANJA} (ko-Hani)`);

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", "/review");
  await reviewer.getByRole("link", { name: "Pak Heon-yeong" }).click();
  await reviewer.getByRole("button", { name: /Approve and publish/ }).click();
  await expect(reviewer).toHaveURL(/\/review$/);

  // The new name reaches search through the outbox: it now finds his documents.
  await expect(async () => {
    await reader.goto(`/search?q=${encodeURIComponent(HANJA)}`);
    await expect(reader.getByText(/Results: 1 - \d+ of \d+ Documents/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
});
