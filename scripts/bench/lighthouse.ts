// Lighthouse (mobile, the default form factor: a mid-range phone on a throttled 4G connection) on
// the production build with the demo archive: home, search, a record and an entity page, scored for
// performance, accessibility, best practices and SEO (issue 17). Each page is run RUNS times; the
// median of each category is reported, with the layout shift and largest paint behind the score.
//
//   npm run bench:lighthouse [-- --runs 3]        (CHROMIUM=/path/to/chromium to use another browser)
//   [--explain]                    the metrics, LCP element, unused JavaScript and requests of the last run
//   [--pages Home,Record]          only these pages
//   [--block "*/_next/static/chunks/*.js"]  block requests matching these patterns (comma-separated):
//                                  what a page would score without them (docs/benchmarks.md)
//
// lighthouse 12 (not 13: 13 needs Node 22) drives the system Chromium through chrome-launcher.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import os from "node:os";
import { withScratchDatabase } from "../lib/database-url";
import { freePort } from "../lib/embedded-db";
import { prepareDatabase } from "../lib/prepare-database";
import { run, waitForExit } from "../lib/processes";
import { ensureProductionBuild } from "./report";

const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const RUNS = Number(option("--runs") || 3) || 3;
const BLOCK = option("--block")?.split(",").filter(Boolean) ?? [];
const PAGES = option("--pages")?.split(",");
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await ensureProductionBuild();
await withScratchDatabase(async (url) => {
  await prepareDatabase(url, { demo: true, quiet: true });
  process.env.DATABASE_URL = url;
  const { db } = await import("../../server/db");
  const { getSearchEngine } = await import("../../server/search");
  const { drainOutbox } = await import("../../server/search/sync");
  await drainOutbox(db, getSearchEngine());

  const port = await freePort();
  const base = `http://localhost:${port}`;
  const app = run("npx", ["--no-install", "next", "start", "--port", String(port)], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, APP_URL: base, AUTH_SECRET: "bench-secret-bench-secret-bench-secret!", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    for (let i = 0; i < 120; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // The pages a reader meets first: found the way a reader finds them.
    const record = await db.archivalRecord.findFirstOrThrow({ where: { status: "published" }, orderBy: { id: "asc" }, select: { id: true } });
    const entity = await db.entityName.findFirstOrThrow({ where: { name: "Choe Yong-geon" }, select: { entityId: true } });
    // Record and entity pages at their canonical address (with the slug), as links lead there: the
    // bare id redirects.
    const canonical = async (path: string) => new URL((await fetch(`${base}${path}`)).url).pathname;
    const pages: [string, string][] = [
      ["Home", "/"],
      ["Search", "/search?q=Choe%20Yong-geon"],
      ["Record", await canonical(`/records/${record.id}`)],
      ["Entity", await canonical(`/entities/${entity.entityId}`)],
    ];
    const rows: string[] = [];
    for (const [label, path] of pages.filter(([label]) => !PAGES || PAGES.includes(label))) {
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, [] as number[]])) as Record<(typeof CATEGORIES)[number], number[]>;
      const cls: number[] = [];
      const lcp: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        const result = await lighthouse(`${base}${path}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES], ...(BLOCK.length ? { blockedUrlPatterns: BLOCK } : {}) });
        if (!result) throw new Error(`Lighthouse gave no result for ${path}`);
        if (i === 0) continue; // the first run warms the server's caches and compiles its pages
        const lhr = result.lhr;
        for (const c of CATEGORIES) scores[c].push(Math.round((lhr.categories[c]?.score ?? 0) * 100));
        cls.push(Number(lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0));
        lcp.push(Number(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0));
        const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === "binary").map((a) => a.id);
        if (i === RUNS && failing.length) console.log(`  ${label}: failing audits: ${failing.join(", ")}`);
        if (i === RUNS && process.argv.includes("--explain")) {
          const metrics = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index", "cumulative-layout-shift"];
          console.log(`  ${label}: ${metrics.map((m) => `${m} ${lhr.audits[m]?.displayValue} (${lhr.audits[m]?.score})`).join(", ")}`);
          for (const a of Object.values(lhr.audits)) {
            if (a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "binary" && !metrics.includes(a.id)) console.log(`    ${a.id}: ${a.displayValue ?? ""} ${a.score}`);
          }
          const lcpElement = lhr.audits["largest-contentful-paint-element"]?.details as { items?: { items?: { node?: { snippet?: string } }[] }[] } | undefined;
          console.log(`    LCP element: ${lcpElement?.items?.[0]?.items?.[0]?.node?.snippet ?? "?"}`);
          console.log(`    LCP phases: ${JSON.stringify((lcpElement?.items?.[1] as { items?: unknown[] } | undefined)?.items ?? [])}`);
          const unused = (lhr.audits["unused-javascript"]?.details as { items?: { url: string; totalBytes: number; wastedBytes: number }[] } | undefined)?.items ?? [];
          for (const u of unused) console.log(`    unused JS: ${(u.wastedBytes / 1024).toFixed(1)} of ${(u.totalBytes / 1024).toFixed(1)} KiB ${u.url.replace(base, "")}`);
          const requests = (lhr.audits["network-requests"]?.details as { items?: { url: string; transferSize: number; resourceType: string; priority: string }[] } | undefined)?.items ?? [];
          for (const r of requests) console.log(`    ${r.resourceType} ${r.priority} ${(r.transferSize / 1024).toFixed(1)} KiB ${r.url.replace(base, "")}`);
        }
      }
      const row = `| ${label} (\`${path.replace(/\/\d+-[^/]*$/, "/<id>-<slug>")}\`) | ${CATEGORIES.map((c) => median(scores[c])).join(" | ")} | ${median(cls).toFixed(3)} | ${(median(lcp) / 1000).toFixed(2)} s |`;
      console.log(row);
      rows.push(row);
    }
    console.log(`\nLighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, mobile, median of ${RUNS} runs after a warm-up, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}):\n`);
    console.log("| Page | Performance | Accessibility | Best practices | SEO | CLS | LCP |");
    console.log("|---|---|---|---|---|---|---|");
    for (const row of rows) console.log(row);
  } finally {
    chrome.kill();
    process.kill(-app.pid!, "SIGTERM");
    await waitForExit(app);
    await db.$disconnect();
  }
});
