import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("makes every cell that a spreadsheet would run as a formula plain text", () => {
    const dangerous = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
    const csv = toCsv(["value"], dangerous.map((v) => [v]));
    const cells = (parse(csv, { columns: true }) as { value: string }[]).map((r) => r.value);
    expect(cells).toEqual(dangerous.map((v) => `'${v}`));
  });

  it("keeps ordinary text, quotes, commas and newlines exactly", () => {
    const ordinary = ["Gromyko, A. A.", 'He said "no"', "two\nlines", "1957-07-24", "a=b", ""];
    const csv = toCsv(["value"], ordinary.map((v) => [v]));
    expect((parse(csv, { columns: true }) as { value: string }[]).map((r) => r.value)).toEqual(ordinary);
  });
});
