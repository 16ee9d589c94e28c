import { describe, expect, it } from "vitest";
import { allowedTypos } from "./parse";
import { editDistance, indexDeletionKeys, queryDeletionKeys, withinTypos } from "./typos";

// A deterministic generator, so a failure can be replayed.
function generator(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("typo tolerance by deletion neighbourhood", () => {
  it("measures transpositions as one edit", () => {
    expect(editDistance("shytkov", "shtykov")).toBe(1);
    expect(editDistance("kirghizia", "kyrgyzstan")).toBeGreaterThan(2);
    expect(editDistance("gromyko", "gromiko")).toBe(1);
    expect(editDistance("moscow", "mosocw")).toBe(1);
    expect(editDistance("abc", "abcdef", 1)).toBe(2); // stops early past the bound
  });

  it("finds every indexed word within the allowed typos (checked against brute force)", () => {
    const rand = generator(7);
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const randomWord = (n: number) => Array.from({ length: n }, () => letters[Math.floor(rand() * 5)]!).join("");
    const typo = (w: string) => {
      const s = [...w];
      const i = Math.floor(rand() * s.length);
      const r = rand();
      if (r < 0.25) s.splice(i, 1);
      else if (r < 0.5) s.splice(i, 0, letters[Math.floor(rand() * 5)]!);
      else if (r < 0.75) s[i] = letters[Math.floor(rand() * 5)]!;
      else if (i + 1 < s.length) [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
      return s.join("");
    };
    let pairs = 0;
    for (let n = 0; n < 4000; n++) {
      const word = randomWord(3 + Math.floor(rand() * 10));
      const query = rand() < 0.5 ? typo(word) : typo(typo(word));
      const k = allowedTypos(query);
      if (k === 0 || query === word || editDistance(query, word) > k) continue;
      pairs++;
      const indexed = new Set(indexDeletionKeys(word));
      expect(queryDeletionKeys(query).some((key) => indexed.has(key)), `${query} -> ${word}`).toBe(true);
    }
    expect(pairs).toBeGreaterThan(1000);
  });

  it("keeps typo keys only for words a query may correct (letters only)", () => {
    expect(indexDeletionKeys("shtykov").length).toBeGreaterThan(0);
    expect(indexDeletionKeys("chŏe").length).toBeGreaterThan(0);
    for (const word of ["1957", "43125", "b52", "no1234"]) expect(indexDeletionKeys(word), word).toEqual([]);
  });

  it("keeps the candidates within the allowed typos, nearest first", () => {
    expect(withinTypos("shytkov", ["shtykov", "shtykova", "stalin", "shytkov"])).toEqual([
      { word: "shtykov", distance: 1 },
    ]);
    expect(withinTypos("kirghiziaa", ["kirghizia", "kirgizia", "kirghiz"]).map((c) => c.word)).toEqual(["kirghizia", "kirgizia"]);
    expect(withinTypos("kim", ["kin", "him"])).toEqual([]); // three letters: no typos
    expect(withinTypos("bakr", ["baker", "bark", "bake", "bakery"]).map((c) => c.word)).toEqual(["baker", "bark", "bake"]);
  });
});
