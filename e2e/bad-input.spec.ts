// The bad-input corpus: hostile and malformed inputs sent over HTTP to public search (API and
// page), sign-in, record create and edit, draft saving and entity create. Each gets a clear 4xx
// or is stored and later rendered inert; no 5xx, nothing stored half-way, and the server keeps
// serving. OAI-PMH, search exports and citation files get the same strings.
import { expect, type APIRequestContext, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures";

test.describe.configure({ timeout: 240_000 });

const MB = 1024 * 1024;
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** Hostile strings: markup and script, SQL and query syntax, odd Unicode, sizes. */
const STRINGS: Record<string, string> = {
  "script tag": "<script>alert('xss')</script>",
  "img onerror": `"><img src=x onerror=alert(1)>`,
  "svg onload": "<svg/onload=alert(1)>",
  "javascript: URL": "javascript:alert(document.cookie)",
  "link with javascript: href": `<a href="javascript:alert(1)">click</a>`,
  "markdown javascript: link": "[click](javascript:alert(1))",
  "iframe": "<iframe src=//evil.example></iframe>",
  "style block": "<style>*{display:none}</style>",
  "template injection": "{{constructor.constructor('alert(1)')()}} ${7*7} <%= 7*7 %>",
  "event attribute": "<div onmouseover=alert(1)>hover</div>",
  "SQL quote": "'; DROP TABLE records; --",
  "SQL tautology": "' OR '1'='1",
  "SQL sleep": "1; SELECT pg_sleep(10); --",
  "SQL LIKE wildcard": "%' AND 1=1 --",
  "tsquery operators": "a & | ! ( ) :* <-> <2> 'b'",
  "unbalanced quotes": "\"unterminated 'phrase",
  "backslashes": "\\\\ \\x00 \\u0000",
  "NUL": "before\u0000after",
  "control characters": "\u0001\u0002\u001b[31mred\u0007",
  "DEL": "x\u007fy",
  "lone high surrogate": "abc\ud800",
  "lone low surrogate": "\udfffabc",
  "RTL override": "invoice\u202Egnp.exe",
  "LTR override": "\u202Dreversed",
  "zero-width characters": "Sh\u200btyk\u200cov\u200d",
  "combining marks (zalgo)": "Z\u0338\u0322\u031b\u0316a\u0337l\u0336g\u0338o\u0335".repeat(20),
  "astral letters and emoji": "𝕬𝖗𝖈𝖍𝖎𝖛𝖊 📜🏛️👩🏽‍🔬",
  "right-to-left text": "الأرشيف الوطني",
  "CRLF header injection": "a\r\nSet-Cookie: hacked=1",
  "path traversal": "../../../../etc/passwd",
  "URL-encoded NUL and traversal": "%00%2e%2e%2f",
  "proto key": "__proto__",
  "only whitespace": " \t\n ",
  "empty": "",
  "one long word": "x".repeat(5_000),
  "100 kB": "lorem ipsum ".repeat(9_000),
  "1 MB": "a".repeat(MB),
  "10 MB": "b".repeat(10 * MB),
  "HTML entity soup": "&lt;script&gt;&#x3C;&#60;&amp;&quot;",
  "null as text": "null",
};

/** Values of the wrong type where a string or number belongs. */
const WRONG_TYPES: Record<string, unknown> = {
  number: 12345,
  "negative number": -1,
  "huge number": 1e308,
  boolean: true,
  null: null,
  array: ["a", "b"],
  object: { nested: "x" },
  "huge array": new Array(100_000).fill("x"),
  "many keys": Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
};

const IMPOSSIBLE_DATES = [
  "31 February 1950", "1950-13-45", "0000-00-00", "99999999", "-99999", "the day after never", "1950/1940",
  "circa circa 1950", "9999999-01-01", "1e309", "Infinity", "NaN", "1950-02-30", "25:61 on 1 May 1950",
];

/** encodeURIComponent, but lone surrogates go out as the invalid UTF-8 bytes a hostile client would send. */
function encodeLoosely(value: string): string {
  return Array.from(value, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    }
    return encodeURIComponent(ch);
  }).join("");
}

type Outcome = { target: string; label: string; status: number; stored?: number };

function input(value: unknown) {
  return JSON.stringify({ json: value });
}

async function trpc(request: APIRequestContext, path: string, value: unknown, kind: "query" | "mutation") {
  const response =
    kind === "query"
      ? await request.get(`/api/trpc/${path}?input=${encodeURIComponent(input(value))}`, { failOnStatusCode: false })
      : await request.post(`/api/trpc/${path}`, { data: input(value), headers: { "content-type": "application/json" }, failOnStatusCode: false });
  const body = response.status() < 300 ? ((await response.json()) as { result?: { data?: { json?: { id?: number } } } }) : null;
  return { status: response.status(), id: body?.result?.data?.json?.id };
}

const memo = (title: unknown, extra: Record<string, unknown> = {}) => ({
  content: { title, dateText: "circa 1957", summary: "From the bad-input corpus.", originalLanguage: "en", documentType: "memorandum", ...extra },
  message: "From the bad-input corpus.",
});
const entity = (name: unknown) => ({ content: { type: "person", names: [{ name, preferred: true }] }, message: "From the bad-input corpus." });

test("the bad-input corpus: no 5xx, nothing half-stored, stored text rendered inert, the server keeps serving", async ({ page, browser }) => {
  await signIn(page, "editor");
  const api = page.request;
  const outcomes: Outcome[] = [];
  const record = (target: string, label: string, status: number, stored?: number) => outcomes.push({ target, label, status, stored });
  // The editor's newest change request (drafts and entity proposals included), and when it last changed.
  const newest = async () => {
    const list = ((await (await api.get(`/api/trpc/changeRequests.mine`)).json()) as { result: { data: { json: { id: number; updatedAt: string }[] } } }).result.data.json;
    return list[0] ? `${list[0].id}@${list[0].updatedAt}` : "none";
  };
  /** A mutation that must store all or nothing: refused, the newest change request is as before. */
  const mutation = async (path: string, value: unknown) => {
    const before = await newest();
    const result = await trpc(api, path, value, "mutation");
    if (result.status !== 200) expect(await newest(), `${path} refused with ${result.status} but stored something`).toBe(before);
    return result;
  };

  for (const [label, value] of Object.entries(STRINGS)) {
    // Queries travel in the URL: past Node's 16 kB header limit the answer is 431; megabytes
    // of URL are cut off by the server mid-send, which a client sees as a reset, not a status.
    if (value.length < 200_000) {
      record("search API q", label, (await trpc(api, "search.query", { q: value }, "query")).status);
      record("search API suggest", label, (await trpc(api, "search.suggest", { q: value }, "query")).status);
      const pageResponse = await api.get(`/search?q=${encodeLoosely(value)}`, { failOnStatusCode: false });
      record("search page", label, pageResponse.status());
      if (pageResponse.status() === 200) expect(await pageResponse.text(), `search page reflects ${label} raw`).not.toContain("<script>alert('xss')</script>");
      // Getting records out: OAI-PMH arguments, a search export, a citation file.
      const v = encodeLoosely(value);
      for (const [target, url] of [
        ["OAI-PMH verb", `/oai?verb=${v}`],
        ["OAI-PMH metadataPrefix", `/oai?verb=ListRecords&metadataPrefix=${v}`],
        ["OAI-PMH identifier", `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${v}`],
        ["OAI-PMH resumptionToken", `/oai?verb=ListIdentifiers&resumptionToken=${v}`],
        ["OAI-PMH from", `/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&from=${v}`],
        ["OAI-PMH set", `/oai?verb=ListRecords&metadataPrefix=oai_dc&set=${v}`],
        ["search export", `/search/export?format=ris&q=${v}`],
        ["citation file", `/records/${v}/cite?format=ris`],
        ["record page slug", `/records/1-${v}`],
        ["entity page slug", `/entities/1-${v}`],
      ] as const) {
        const response = await api.get(url, { failOnStatusCode: false, maxRedirects: 0 });
        record(target, label, response.status());
        if (target.startsWith("OAI") && response.status() === 200) expect(await response.text(), `${target}: ${label}`).not.toContain("<script>alert('xss')</script>");
      }
    }
    // Sign-in from an address of its own, so the corpus does not lock out the other tests.
    const csrf = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signInResponse = await page.context().request.post("/api/auth/callback/credentials", {
      form: { email: value.slice(0, 20_000), password: value.slice(0, 20_000), csrfToken: csrf.csrfToken },
      headers: { "x-forwarded-for": `10.66.${outcomes.length % 250}.${Math.floor(outcomes.length / 250)}` },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    record("sign-in", label, signInResponse.status());
    const created = await mutation("changeRequests.propose", memo(value));
    record("record create (title)", label, created.status, created.id);
    const summary = await mutation("changeRequests.propose", memo(`Summary case: ${label}`, { summary: value }));
    record("record create (summary)", label, summary.status, summary.id);
    const edit = await mutation("changeRequests.propose", { ...memo(value), recordId: 1 });
    record("record edit (title)", label, edit.status, edit.id);
    const draft = await mutation("changeRequests.saveDraft", { content: { title: value } });
    record("draft save", label, draft.status, draft.id);
    const person = await mutation("entities.propose", entity(value));
    record("entity create (name)", label, person.status, person.id);
  }
  for (const [label, value] of Object.entries(WRONG_TYPES)) {
    // As above: a URL of megabytes (the 100,000-element array) is cut off mid-send, a reset
    // rather than a status, depending on how much the client had written; smaller ones get 431.
    const fits = (query: unknown) => encodeURIComponent(input(query)).length < 200_000;
    const filters = { q: "treaty", filters: { person: value, decade: value }, page: value };
    if (fits({ q: value })) record("search API q", label, (await trpc(api, "search.query", { q: value }, "query")).status);
    if (fits(filters)) record("search API filters", label, (await trpc(api, "search.query", filters, "query")).status);
    record("record create (title)", label, (await mutation("changeRequests.propose", memo(value))).status);
    record("record create (whole content)", label, (await mutation("changeRequests.propose", { content: value })).status);
    record("entity create (names)", label, (await mutation("entities.propose", { content: { type: "person", names: value } })).status);
  }
  for (const date of IMPOSSIBLE_DATES) {
    record("record create (date)", date, (await mutation("changeRequests.propose", memo("A dated memo", { dateText: date }))).status);
    record("search API date range", date, (await trpc(api, "search.query", { q: "", from: Number(date) || date, to: -Number(date) || date }, "query")).status);
  }
  // Malformed bodies and shapes.
  for (const [label, body] of Object.entries({
    "deeply nested JSON": `{"json":${deepArray(50_000)}}`,
    "truncated JSON": `{"json":{"content":{"title":"x"`,
    "not JSON": "title=x&summary=y",
    "JSON null": "null",
    "a bare string": `"hello"`,
    "prototype pollution": `{"json":{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}},"content":{}}}`,
  })) {
    const before = await newest();
    const response = await api.post(`/api/trpc/changeRequests.propose`, { data: body, headers: { "content-type": "application/json" }, failOnStatusCode: false });
    record("record create (raw body)", label, response.status());
    expect(await newest()).toBe(before);
  }

  const tally: Record<string, number> = {};
  for (const o of outcomes) tally[`${o.target} → ${o.status}`] = (tally[`${o.target} → ${o.status}`] ?? 0) + 1;
  await test.info().attach("corpus outcomes", { body: JSON.stringify({ inputs: outcomes.length, tally }, null, 2), contentType: "application/json" });
  console.log(`bad-input corpus: ${outcomes.length} inputs`, tally);
  // At least 200 inputs, and none answered with a server error.
  expect(outcomes.length).toBeGreaterThanOrEqual(200);
  const errors = outcomes.filter((o) => o.status >= 500 || o.status === 0);
  expect(errors, JSON.stringify(errors.slice(0, 10)).slice(0, 2000)).toEqual([]);
  // Control characters, lone surrogates and direction overrides are refused, wherever they come.
  // (A lone surrogate cannot travel in a query string: its percent-encoding is not UTF-8, and the
  // URL parser reads it as U+FFFD, harmless text. In a path it is refused like the others.)
  const inQuery = (target: string) => target.startsWith("OAI-PMH") || target === "search export";
  for (const label of ["NUL", "control characters", "lone high surrogate", "RTL override"]) {
    for (const o of outcomes.filter((x) => x.label === label && x.target !== "sign-in" && x.target !== "search page" && !(label === "lone high surrogate" && inQuery(x.target)))) {
      expect(o.status, `${o.target}: ${label}`).toBe(400);
    }
  }
  // (Nothing stored half-way: checked after every refused mutation above.)

  // What was stored renders inert: no script runs on the pages that show it.
  const dialogs: string[] = [];
  const viewer = await browser.newPage();
  viewer.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(viewer, "reviewer", "/review");
  const stored = outcomes.filter((o) => o.stored && /script|onerror|onload|javascript|iframe|event|style/i.test(o.label));
  expect(stored.length).toBeGreaterThan(5);
  for (const o of stored.filter((x) => x.target !== "draft save" && x.target !== "entity create (name)")) {
    const response = await viewer.goto(`/review/${o.stored}`);
    expect(response?.status(), `${o.target} ${o.label}`).toBe(200);
  }
  await viewer.goto("/review");
  await viewer.screenshot({ path: "test-results/screens/review-queue-hostile.png", fullPage: false });
  // An address no page can read (a NUL in the query) says so, with status 400, and offers the search box.
  const unrunnable = await viewer.goto(`/search?q=${encodeURIComponent("Shtykov\u0000")}`);
  expect(unrunnable?.status()).toBe(400);
  await expect(viewer.getByRole("heading", { name: "This address cannot be read" })).toBeVisible();
  await expect(viewer.getByRole("combobox").or(viewer.getByRole("searchbox")).first()).toBeVisible();
  await viewer.screenshot({ path: "test-results/screens/search-unrunnable.png", fullPage: false });
  expect(dialogs).toEqual([]);
  await viewer.close();

  // The editor withdraws all of it again, so later tests find the review queue as it was.
  for (const id of new Set(outcomes.filter((o) => o.stored).map((o) => o.stored!))) {
    const current = await api.get(`/api/trpc/changeRequests.byId?input=${encodeURIComponent(input({ id }))}`);
    const version = ((await current.json()) as { result: { data: { json: { version: number } } } }).result.data.json.version;
    expect((await trpc(api, "changeRequests.withdraw", { id, expectedVersion: version }, "mutation")).status, `withdraw ${id}`).toBe(200);
  }

  // And the server keeps serving.
  const health = await api.get("/api/health");
  expect(health.status()).toBe(200);
  const search = await trpc(api, "search.query", { q: "Shtykov" }, "query");
  expect(search.status).toBe(200);
});

export type { Page };
