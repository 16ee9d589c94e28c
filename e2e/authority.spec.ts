// Authority records in the editor: linking a person under a variant of his name and another
// document, approval, and what readers then see on both sides.
import { expect, test } from "@playwright/test";
import { callTrpc, signIn } from "./fixtures";

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

  // A body the archive does not know yet is created inline, and reviewed with the record.
  await picker.fill("Far Eastern Timber Trust");
  await editor.getByRole("option", { name: /Create “Far Eastern Timber Trust”/ }).click();
  await editor.getByLabel("New entity kind").selectOption("organization");
  await editor.getByRole("group", { name: "New entity" }).getByRole("button", { name: "Add" }).click();
  await expect(mentions).toContainText("new organization, created when the record is approved");

  // And a typed link to another document.
  await editor.getByRole("combobox", { name: "Link another document" }).fill("banknotes");
  await editor.getByRole("option", { name: /24 July 1957/ }).click();
  await editor.getByRole("list", { name: "Links" }).getByRole("combobox").selectOption("related_to");
  await editor.getByLabel("What changed and why").fill("Links the people, places and bodies the memorandum names.");
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
  await expect(reader.getByRole("complementary").getByRole("link", { name: "Far Eastern Timber Trust" })).toBeVisible();
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
  await expect(admin.getByRole("status").filter({ hasText: "not part of the public archive" })).toBeVisible();
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
  await editor.getByLabel("What changed and why").fill("Adds the name in Hanja.");
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

test("a reviewed merge of a duplicate redirects its URL (307, temporary: merges can be undone) to the survivor, and can be undone", async ({ browser }) => {
  const editor = await (await browser.newContext()).newPage();
  editor.on("dialog", (dialog) => void dialog.accept());
  await signIn(editor, "editor", "/desk");
  const reviewer = await (await browser.newContext()).newPage();
  reviewer.on("dialog", (dialog) => void dialog.accept());
  await signIn(reviewer, "reviewer", "/review");
  // A duplicate authority record for Kim Il Sung, approved earlier.
  const proposed = await callTrpc(editor, "entities.propose", { content: { type: "person", names: [{ name: "Kim Il-song", language: "ko-Latn", preferred: true }] }, message: "A second record for Kim Il Sung." }, "mutation");
  const { id, version } = proposed.body.result.data.json;
  const approved = await callTrpc(reviewer, "changeRequests.approve", { id, expectedVersion: version }, "mutation");
  const duplicateId = approved.body.result.data.json.entityId as number;

  await editor.goto("/browse/people?letter=K");
  await editor.getByRole("link", { name: "Kim Il Sung" }).click();
  await expect(editor.getByRole("heading", { level: 1 })).toHaveText("Kim Il Sung");
  const survivorPath = new URL(editor.url()).pathname;
  await editor.getByRole("combobox", { name: "Merge a duplicate into Kim Il Sung" }).fill("Kim Il-song");
  await editor.getByRole("option", { name: /Kim Il-song/ }).click();
  await editor.getByRole("button", { name: "Propose the merge" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Submitted" })).toBeVisible();

  await reviewer.goto("/review");
  await reviewer.getByRole("link", { name: "Merge Kim Il-song into Kim Il Sung" }).click();
  await reviewer.getByRole("button", { name: /Approve and publish/ }).click();
  await expect(reviewer).toHaveURL(/\/review$/);

  const response = await reviewer.request.get(`/entities/${duplicateId}`, { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  const survivorId = survivorPath.split("/")[2]!.split("-")[0];
  expect(response.headers().location).toMatch(new RegExp(`/entities/${survivorId}$`));
  // Its other URLs lead to the same page of the survivor: its feed to the survivor's feed.
  const feed = await reviewer.request.get(`/entities/${duplicateId}-kim-il-song/feed.xml`, { maxRedirects: 0 });
  expect(feed.status()).toBe(307);
  expect(feed.headers().location).toMatch(new RegExp(`/entities/${survivorId}/feed.xml$`));
  await reviewer.goto(`/entities/${duplicateId}`);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("Kim Il Sung");
  await expect(reviewer.getByRole("complementary")).toContainText("Kim Il-song");

  await reviewer.screenshot({ path: "test-results/screens/merged.png", fullPage: true });
  await reviewer.getByRole("button", { name: "Undo merge" }).click();
  await expect(reviewer.getByRole("button", { name: "Undo merge" })).toHaveCount(0);
  // Undone: the duplicate's URL leads to its own page again.
  const restored = await reviewer.request.get(`/entities/${duplicateId}`, { maxRedirects: 0 });
  expect(restored.headers().location).toContain(`/entities/${duplicateId}-kim-il-song`);
});

test("creating a person shows the close existing ones and asks “same person?” before a duplicate is proposed", async ({ browser }) => {
  const editor = await (await browser.newContext()).newPage();
  await signIn(editor, "editor", "/entities/new");
  await editor.getByLabel("Name 1", { exact: true }).fill("Terenti Shtikov");
  const lookalikes = editor.getByRole("region", { name: /Already in the archive\? Same person\?/ });
  await expect(lookalikes.getByRole("link", { name: "Terentii Shtykov" })).toBeVisible();
  await editor.getByLabel("What changed and why").fill("Soviet ambassador in Pyongyang.");
  await editor.screenshot({ path: "test-results/screens/entity-lookalikes.png", fullPage: true });

  // Not submitted until the editor says none of them is the same person.
  await editor.getByRole("button", { name: "Submit for review" }).click();
  await expect(lookalikes.getByText("Check the people above first")).toBeVisible();
  await expect(editor.getByLabel("None of these is the same person: create a new one.")).toBeFocused();
  await expect(editor).toHaveURL(/\/entities\/new$/);

  // The way out is to add the spelling to the existing record.
  await lookalikes.getByRole("link", { name: "Propose an edit of it instead" }).first().click();
  await expect(editor).toHaveURL(/\/entities\/\d+\/edit$/);
  await expect(editor.getByLabel("Name 1", { exact: true })).toHaveValue(/Shtykov/);
});
