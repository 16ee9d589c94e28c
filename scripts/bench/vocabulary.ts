// The synthetic vocabulary of the benchmarks: 5,000 made-up words from a fixed seed, so every
// run (and every benchmark) draws the same archive.

// A deterministic pseudo-random generator (mulberry32), so runs are comparable.
let seed = 42;
export function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
export function pick<T>(xs: T[]): T {
  if (xs.length === 0) throw new Error("bench: picking from an empty list");
  return xs[Math.floor(rand() * xs.length)]!;
}

const SYLLABLES = ["ka", "ri", "mo", "sun", "pak", "lee", "chon", "gyo", "vla", "dim", "ser", "gei", "tan", "wei", "zhou", "lin", "hua", "mir", "nov", "ski", "bor", "dan", "yul", "hyo", "min", "jae", "tek", "sov", "ple", "nik"];
export const word = () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(SYLLABLES)).join("");
export const VOCABULARY = (() => {
  const words = new Set<string>();
  while (words.size < 5000) words.add(word());
  return [...words];
})();
