import { createDbClient } from "../server/db";
import { searchQuerySchema } from "../server/search/engine";
import { PostgresSearchEngine } from "../server/search/postgres-engine";
const db = createDbClient("postgresql://dossier:dossier@127.0.0.1:55432/bench");
const e = new PostgresSearchEngine(db);
const qs: [string, object][] = [["browse", { q: "" }], ["rare", { q: "vlatanlin" }], ["medium", { q: "huaweidim" }], ["common", { q: "weijaebor" }], ["two", { q: "huaweidim weijaebor" }], ["prefix", { q: "huaw" }], ["typo", { q: "hauweidim" }],
  ["medium+f", { q: "huaweidim", filters: { collection: [7], decade: [1950] } }], ["common+f", { q: "weijaebor", filters: { collection: [7], decade: [1950] } }], ["browse+f", { q: "", filters: { collection: [7], decade: [1950] } }], ["prefix+f", { q: "huaw", filters: { collection: [7], decade: [1950] } }], ["typo+f", { q: "hauweidim", filters: { collection: [7], decade: [1950] } }]];
for (const [name, q] of qs) {
  const times: number[] = [];
  let r;
  for (let i = 0; i < 5; i++) { const t = performance.now(); r = await e.search(searchQuerySchema.parse(q)); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(10), times.map((t) => t.toFixed(1)).join(" "), "| total", r!.total, r!.isEstimate ? "est" : "", "reach", r!.reachable, "hits", r!.hits.length, r!.correctedQuery ?? "");
}
await db.$disconnect();
