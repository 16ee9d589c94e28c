import { pick, rand, VOCABULARY } from "./vocabulary";
import { timedGet } from "./report";
const medium = VOCABULARY.slice(200, 400), common = VOCABULARY.slice(0, 20), rare = VOCABULARY.slice(3000, 5000);
const kind = process.argv[2] ?? "rare";
const make = (): Record<string, unknown> => {
  switch (kind) {
    case "browse": return { q: "" };
    case "rare": return { q: pick(rare) };
    case "month": return { q: `${pick(medium)} July ${1945 + Math.floor(rand() * 50)}` };
    case "year": return { q: `${pick(medium)} ${1945 + Math.floor(rand() * 50)}` };
    default: return { q: pick(medium) };
  }
};
const n = Number(process.argv[3] ?? 200), conc = Number(process.argv[4] ?? 1);
const samples: number[] = [];
let i = 0;
await Promise.all(Array.from({ length: conc }, async () => {
  while (i++ < n) {
    const input = encodeURIComponent(JSON.stringify({ json: make() }));
    const { ms } = await timedGet(`http://127.0.0.1:3999/api/trpc/search.query?input=${input}`);
    samples.push(ms);
  }
}));
samples.sort((a, b) => a - b);
console.log(kind, "p50", samples[Math.floor(n * 0.5)]!.toFixed(1), "p95", samples[Math.floor(n * 0.95)]!.toFixed(1), "max", samples.at(-1)!.toFixed(1));
