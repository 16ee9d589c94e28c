import { expect, test } from "@playwright/test";
import { ACCOUNTS, callTrpc, freshAccount, mailTo, signIn, signInAs } from "./fixtures";

test.describe("signing in", () => {
  test("an editor signs in and reaches their desk", async ({ page }) => {
    await signIn(page, "editor");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Emil Editor");
    await expect(page.getByRole("navigation", { name: "Main" })).toContainText("editor");
  });

  test("a wrong password is refused with a message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ACCOUNTS.reviewer);
    await page.getByLabel("Password").fill("not-the-right-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password do not match an active account.");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel("Email")).toHaveValue(ACCOUNTS.reviewer);
  });

  test("a signed-out visitor who opens an editor page is sent to sign in, then back", async ({ page }) => {
    await page.goto("/desk");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdesk/);
    await page.getByLabel("Email").fill(ACCOUNTS.editor);
    await page.getByLabel("Password").fill("dossier-demo-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/desk$/);
  });

  test("an editor who opens the review queue gets a 403 page", async ({ page }) => {
    await signIn(page, "editor");
    const response = await page.goto("/review");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: /does not give access/ })).toBeVisible();
  });

  test("a reviewer signs out", async ({ page }) => {
    await signIn(page, "reviewer", "/review");
    await page.getByRole("link", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto("/review");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("the tRPC API over HTTP", () => {
  const proposal = {
    content: { title: "Memorandum on timber workers", dateText: "circa 1957", summary: "A test proposal.", originalLanguage: "ru", documentType: "memorandum" },
    message: "Adds the memorandum on timber workers.",
  };

  test("a signed-out caller of an editor-only mutation gets 401", async ({ page }) => {
    const { status, body } = await callTrpc(page, "changeRequests.propose", proposal, "mutation");
    expect(status).toBe(401);
    expect(body.error.json.data.code).toBe("UNAUTHORIZED");
  });

  test("an editor calling an admin-only procedure gets 403", async ({ page }) => {
    await signIn(page, "editor");
    const { status, body } = await callTrpc(page, "users.list", undefined, "query");
    expect(status).toBe(403);
    expect(body.error.json.message).toContain("admin");
  });

  test("malformed input gets 400 with the zod issues", async ({ page }) => {
    await signIn(page, "editor");
    const bad = { content: { ...proposal.content, title: "   ", dateText: "the thirty-first of February" }, message: "  " };
    const { status, body } = await callTrpc(page, "changeRequests.propose", bad, "mutation");
    expect(status).toBe(400);
    const issues = body.error.json.data.zodIssues as { path: string[]; message: string }[];
    expect(issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["content.title", "content.dateText", "message"]));
    expect(issues.find((i) => i.path.join(".") === "content.dateText")?.message).toContain("not a date we can read");
  });

  test("an editor's valid proposal is stored as a pending change request and shows on their desk", async ({ page }) => {
    await signIn(page, "editor");
    const { status, body } = await callTrpc(page, "changeRequests.propose", proposal, "mutation");
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.result.data.json.state).toBe("pending");
    await page.goto("/desk");
    await expect(page.getByRole("cell", { name: "Memorandum on timber workers" })).toBeVisible();
  });

  test("health reports the database and the search engine", async ({ page }) => {
    const response = await page.request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { status: "ok" }, search: { engine: "postgres" } });
  });

  test("refuses cross-site and non-JSON mutations: a forged form POST and a text/plain POST", async ({ page }) => {
    await signIn(page, "editor");
    const body = JSON.stringify({ json: { content: { title: "Forged", dateText: "1950", summary: "x", originalLanguage: "en", documentType: "memorandum" } } });
    const forged = await page.request.post("/api/trpc/changeRequests.propose", {
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      data: "json=%7B%7D",
    });
    expect(forged.status()).toBe(403);
    const plain = await page.request.post("/api/trpc/changeRequests.propose", { headers: { "content-type": "text/plain" }, data: body });
    expect(plain.status()).toBe(415);
    const crossJson = await page.request.post("/api/trpc/changeRequests.propose", { headers: { origin: "https://evil.example", "content-type": "application/json" }, data: body });
    expect(crossJson.status()).toBe(403);
    // Nothing was stored.
    await page.goto("/desk");
    await expect(page.getByRole("link", { name: "Forged" })).toHaveCount(0);
  });
});


test("a scripted password guesser gets 429 with Retry-After after five failures on an email (known or not, the same answer)", async ({ request }) => {
  const guess = async (email: string) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return request.post("/api/auth/callback/credentials", { form: { email, password: "not-the-password-123", csrfToken }, maxRedirects: 0 });
  };
  for (const email of ["nobody-here@dossier.test"]) {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await guess(email));
    expect(answers.slice(0, 5).map((a) => a.status())).not.toContain(429);
    const locked = answers[5]!;
    expect(locked.status()).toBe(429);
    expect(Number(locked.headers()["retry-after"])).toBeGreaterThanOrEqual(55);
  }
});

test("an admin invites a reviewer, who joins and signs in; demoted, their next request is refused; the audit log shows it all", async ({ page, browser }) => {
  const email = `invitee-${Date.now()}@example.test`;
  await signIn(page, "admin", "/admin/users");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Name", { exact: true }).fill("Ines Invitee");
  await page.locator("select[name=role]").selectOption("reviewer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel(`Invitation for ${email} link`).inputValue();
  expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  await page.screenshot({ path: "test-results/screens/admin-users-invite.png", fullPage: true });

  // The invitee, in a browser of their own.
  const theirs = await browser.newContext();
  const invitee = await theirs.newPage();
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByText(`Account: ${email}`)).toBeVisible();
  await invitee.getByLabel("Your name").fill("Ines Invitee");
  await invitee.getByLabel("New password", { exact: true }).fill("password1234");
  await invitee.getByLabel("New password again").fill("password1234");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  // (By text: Next's route announcer is also role="alert".)
  await expect(invitee.getByText(/one of the most common passwords/)).toBeVisible();
  await invitee.getByLabel("New password", { exact: true }).fill("lantern orchard seventy kites");
  await invitee.getByLabel("New password again").fill("lantern orchard seventy kites");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await expect(invitee.getByText("Your account is ready.")).toBeVisible();
  await invitee.goto("/sign-in?callbackUrl=/review");
  await invitee.getByLabel("Email").fill(email);
  await invitee.getByLabel("Password").fill("lantern orchard seventy kites");
  await invitee.getByRole("button", { name: "Sign in", exact: true }).click();
  // The path itself: "/sign-in?callbackUrl=/review" also ends with "/review".
  await expect(invitee).toHaveURL((url) => url.pathname === "/review");
  await expect(invitee.getByRole("heading", { level: 1 })).toBeVisible();
  // The link worked once.
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByText(/This link is not valid/)).toBeVisible();

  // The admin demotes them to editor: their next request to the review queue is refused.
  await page.reload();
  // The select shows the new value at once; wait for the server to have stored it.
  const saved = page.waitForResponse((r) => r.url().includes("users.setRole") && r.ok());
  await page.getByLabel("Role of Ines Invitee").selectOption("editor");
  await saved;
  await expect(page.getByLabel("Role of Ines Invitee")).toHaveValue("editor");
  const refused = await invitee.goto("/review");
  expect(refused?.status()).toBe(403);
  await theirs.close();

  await page.goto(`/admin/audit`);
  const log = page.getByRole("table");
  for (const action of ["Invitation sent", "Invitation accepted", "Signed in", "Role changed"]) {
    await expect(log.getByText(action).first()).toBeVisible();
  }
});

test.describe("passwords", () => {
  test("a user who forgot their password gets a link by email and chooses a new one", async ({ page }) => {
    const email = await freshAccount(page, "editor", "copper meadow sailing owls");
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(page.getByText(`If ${email} belongs to an account here, a reset link is on its way.`)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/forgot-password.png", fullPage: true });

    const mail = (await mailTo(email, 2)).find((m) => m.subject.startsWith("Reset your Dossier password"));
    const link = mail?.text.match(/http:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(link, "a reset link by email").toBeTruthy();
    await page.goto(new URL(link!).pathname);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill("tidal compass wander finch");
    await page.getByLabel("New password again").fill("tidal compass wander finch");
    await page.screenshot({ path: "test-results/screens/reset-password.png", fullPage: true });
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText("Your password is changed.")).toBeVisible();
    await signInAs(page, email, "tidal compass wander finch");
  });

  test("a signed-in user changes their own password; the old one stops working", async ({ page }) => {
    const email = await freshAccount(page, "reviewer", "granite willow eleven harps");
    await signInAs(page, email, "granite willow eleven harps", "/account");
    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill("saffron tunnel quietly rowing");
    await page.getByLabel("New password again").fill("saffron tunnel quietly rowing");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That is not your current password.")).toBeVisible();
    await page.getByLabel("Current password").fill("granite willow eleven harps");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(/every session has ended/)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/account-password-changed.png", fullPage: true });

    await page.goto("/review");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("granite willow eleven harps");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("That email and password do not match an active account.")).toBeVisible();
    await signInAs(page, email, "saffron tunnel quietly rowing", "/review");
  });
});

test.describe("institutional sign-in", () => {
  /** Through the identity provider's own login and consent pages (oidc-provider's development pages). */
  async function throughProvider(page: import("@playwright/test").Page, login: string) {
    await page.goto("/sign-in?callbackUrl=/desk");
    await page.getByRole("button", { name: "Sign in with Example University" }).click();
    // The provider asks for a login (and consent) unless it remembers this browser.
    await page.waitForURL((url) => url.pathname.startsWith("/interaction/") || url.pathname === "/desk" || url.searchParams.has("error"));
    if (!page.url().includes("/interaction/")) return;
    if (await page.locator("input[name=login]").count()) {
      await page.locator("input[name=login]").fill(login);
      await page.locator("input[name=password]").fill("anything at the university");
      await page.getByRole("button", { name: "Sign-in" }).click();
    }
    if (await page.getByRole("button", { name: "Continue" }).count()) await page.getByRole("button", { name: "Continue" }).click();
  }

  test("a first-time user waits for a role; an admin grants one; they sign in and see the link on their account", async ({ page, browser }) => {
    const login = `ada.lovelace${Date.now()}`;
    await throughProvider(page, login);
    await expect(page).toHaveURL(/\/sign-in\?error=awaiting_role/);
    await expect(page.getByText(/known to Dossier now, but has no role yet/)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/sso-awaiting-role.png", fullPage: true });

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, "admin", "/admin/users");
    await admin.getByLabel("Find a user").fill(login);
    await admin.getByRole("button", { name: "Find" }).click();
    const row = admin.getByRole("row").filter({ hasText: `${login}@university.test` });
    await expect(row).toContainText("awaiting role");
    await expect(row).toContainText("SSO");
    await admin.screenshot({ path: "test-results/screens/admin-users-awaiting-role.png", fullPage: true });
    const granted = admin.waitForResponse((r) => r.url().includes("users.setRole") && r.ok());
    await row.getByRole("combobox").selectOption("editor");
    await granted;
    await expect(row.getByRole("combobox")).toHaveValue("editor");
    await adminContext.close();

    await throughProvider(page, login);
    await expect(page).toHaveURL(/\/desk$/);
    await page.goto("/account");
    await expect(page.getByText(`Example University as ${login}@university.test`)).toBeVisible();
    await expect(page.getByText(/no Dossier password/)).toBeVisible();
    await page.screenshot({ path: "test-results/screens/account-sso.png", fullPage: true });
  });
});
