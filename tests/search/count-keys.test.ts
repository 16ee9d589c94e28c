// The facet keys of matching rows, as PostgreSQL sends them, counted by prefix.
import { describe, expect, it } from "vitest";
import { countKeys, topCounts } from "../../server/search/postgres-engine";

const SEP = "\u001f";
const row = (...keys: string[]) => keys.join(SEP);

describe("countKeys", () => {
  it("counts ids, text values and years by prefix", () => {
    const keys = [
      row("c7", "p12", "p15", "o", "g", "s9", "d1950", "lru", "ttelegram", "y1950:1952"),
      row("c7", "c8", "p12", "o3", "g", "s", "d1950", "lko", "ttelegram", "y1951:1951"),
    ].join(SEP);
    const { total, byKey } = countKeys({ total: 2, keys });
    expect(total).toBe(2);
    expect([...byKey.get("c")!]).toEqual([[7, 2], [8, 1]]);
    expect([...byKey.get("p")!]).toEqual([[12, 2], [15, 1]]);
    expect([...byKey.get("o")!]).toEqual([[3, 1]]); // a bare "o" (no organizations) is skipped
    expect(byKey.has("g")).toBe(false);
    expect([...byKey.get("l")!]).toEqual([["ru", 1], ["ko", 1]]);
    expect([...byKey.get("t")!]).toEqual([["telegram", 2]]);
    expect([...byKey.get("y")!].sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([[1950, 1], [1951, 2], [1952, 1]]);
  });

  it("reads years before the common era and counts a long span at its first year only", () => {
    const keys = [row("y-44:-44"), row("y-5:2"), row("y1900:1999")].join(SEP);
    const years = countKeys({ total: 3, keys }).byKey.get("y")!;
    expect(years.get(-44)).toBe(1);
    expect([...years.keys()].filter((y) => Number(y) >= -5 && Number(y) <= 2)).toEqual([-5, -4, -3, -2, -1, 0, 1, 2]);
    expect(years.get(1900)).toBe(1);
    expect(years.has(1901)).toBe(false);
  });

  it("answers nothing for no rows", () => {
    expect(countKeys({ total: 0, keys: "" }).byKey.size).toBe(0);
  });
});

describe("topCounts", () => {
  it("keeps the most frequent values, ties by value, as a full sort would", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [size, limit] of [[0, 12], [5, 12], [3000, 12], [3000, 1], [40, Infinity]] as const) {
      const ids = new Map<number, number>();
      const words = new Map<string, number>();
      for (let i = 0; i < size; i++) {
        ids.set(1 + Math.floor(random() * 5000), 1 + Math.floor(random() * 4));
        words.set(`w${Math.floor(random() * 900)}`, 1 + Math.floor(random() * 4));
      }
      const sorted = <T extends number | string>(counts: Map<T, number>) =>
        [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, limit).map(([v, n]) => [String(v), n]);
      expect(topCounts(ids, limit), `ids ${size}/${limit}`).toEqual(sorted(ids));
      expect(topCounts(words, limit), `words ${size}/${limit}`).toEqual(sorted(words));
    }
    expect(topCounts(new Map([[10, 2], [9, 2], [100, 3]]), 2)).toEqual([["100", 3], ["9", 2]]); // 9 before 10: numbers, not text
    expect(topCounts(undefined, 12)).toEqual([]);
  });
});
