import { describe, expect, it } from "vitest";
import { relax, wordWeight, type RelaxPart } from "./relax";

// A tiny archive: which parts each record has.
function archive(records: string[][]) {
  const calls: string[][][] = [];
  const matchesAny = async (sets: RelaxPart[][]) => {
    calls.push(sets.map((s) => s.map((p) => p.typed)));
    return sets.map((set) => records.some((r) => set.every((p) => r.includes(p.typed))));
  };
  return { matchesAny, calls };
}
const part = (typed: string, weight: number): RelaxPart => ({ typed, weight });

describe("relaxation", () => {
  it("drops a word that matches nothing at once, without asking about each other word", async () => {
    const { matchesAny, calls } = archive([["kim", "il", "sung"], ["kim"]]);
    const kept = await relax([part("kim", 1), part("il", 2), part("sung", 2), part("kirghizia", 0)], matchesAny);
    expect(kept.map((p) => p.typed)).toEqual(["kim", "il", "sung"]);
    expect(calls).toHaveLength(1);
  });

  it("keeps the rarer words when two words never meet", async () => {
    const { matchesAny } = archive([["gromyko", "moscow"], ["gromyko", "beijing"], ["puzanov", "pyongyang"]]);
    const kept = await relax([part("gromyko", 2), part("pyongyang", 3), part("moscow", 1)], matchesAny);
    // gromyko+pyongyang never meet; pyongyang+moscow neither; gromyko+moscow do, but weigh 3 < ...
    expect(kept.map((p) => p.typed)).toEqual(["gromyko", "moscow"]);
    const rarer = await relax([part("gromyko", 1), part("pyongyang", 3), part("puzanov", 2)], archive([["gromyko", "moscow"], ["puzanov", "pyongyang"]]).matchesAny);
    expect(rarer.map((p) => p.typed)).toEqual(["pyongyang", "puzanov"]);
  });

  it("goes down to one part, and to none when nothing matches", async () => {
    const { matchesAny } = archive([["a"], ["b"], ["c"]]);
    expect((await relax([part("a", 1), part("b", 3), part("c", 2)], matchesAny)).map((p) => p.typed)).toEqual(["b"]);
    expect(await relax([part("x", 0), part("y", 0)], matchesAny)).toEqual([]);
    expect(await relax([part("a", 1), part("b", 1)], archive([]).matchesAny)).toEqual([]);
  });

  it("weighs rare words more", () => {
    expect(wordWeight(1, 1000)).toBeGreaterThan(wordWeight(100, 1000));
    expect(wordWeight(0, 1000)).toBe(0);
  });
});
