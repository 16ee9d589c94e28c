import { describe, expect, it } from "vitest";
import { DateParseError, describeImpreciseDate, parseImpreciseDate, parseUncached, plainIsoDate } from "./imprecise-date";

describe("parseImpreciseDate", () => {
  it.each([
    ["1950-09-29", "1950-09-29", "1950-09-29", "1950-09-29", "day"],
    ["29 September 1950", "1950-09-29", "1950-09-29", "1950-09-29", "day"],
    ["Sept. 29, 1950", "1950-09-29", "1950-09-29", "1950-09-29", "day"],
    ["September 1950", "1950-09", "1950-09-01", "1950-09-30", "month"],
    ["circa 1957", "1957~", "1957-01-01", "1957-12-31", "year"],
    ["1955?", "1955?", "1955-01-01", "1955-12-31", "year"],
    ["1950-09/1950-10", "1950-09/1950-10", "1950-09-01", "1950-10-31", "month"],
    ["between May 1957 and July 1957", "1957-05/1957-07", "1957-05-01", "1957-07-31", "month"],
    ["1950s", "195X", "1950-01-01", "1959-12-31", "decade"],
    ["February 1956", "1956-02", "1956-02-01", "1956-02-29", "month"],
  ])("reads %s as %s (%s to %s, %s precision)", (text, edtf, earliest, latest, precision) => {
    const date = parseImpreciseDate(text);
    expect(date).toMatchObject({ edtf, earliest, latest, precision });
  });

  it("keeps the text as written and flags qualifiers", () => {
    const date = parseImpreciseDate("  circa   1957 ");
    expect(date.text).toBe("circa 1957");
    expect(date.approximate).toBe(true);
    expect(date.uncertain).toBe(false);
    expect(parseImpreciseDate("1955?").uncertain).toBe(true);
  });

  it.each(["", "yesterday", "1950-09-31", "1950-13", "1955-1950", "x".repeat(101), "32 May 1950"])(
    "rejects %j with a readable message",
    (text) => {
      expect(() => parseImpreciseDate(text)).toThrow(DateParseError);
      try {
        parseImpreciseDate(text);
      } catch (error) {
        expect((error as Error).message.length).toBeGreaterThan(10);
      }
    },
  );

  it.each(["-0044", "-0044-03-15", "0000", "000X", "-0100/0010"])("refuses %j, before the year 1, and says so", (text) => {
    expect(() => parseImpreciseDate(text)).toThrow(/before the year 1/);
  });

  it("takes the first years of the era", () => {
    expect(parseImpreciseDate("0001").earliest).toBe("0001-01-01");
    expect(parseImpreciseDate("0099-12").latest).toBe("0099-12-31");
  });

  it("describes a parsed date for the editor's preview", () => {
    expect(describeImpreciseDate(parseImpreciseDate("September 1950"))).toBe(
      "between 1 Sep 1950 and 30 Sep 1950, month precision",
    );
    expect(describeImpreciseDate(parseImpreciseDate("circa 1957"))).toBe(
      "between 1 Jan 1957 and 31 Dec 1957, year precision, approximate",
    );
  });
});

describe("plain ISO dates, read without the grammar", () => {
  it("reads every day, month and year exactly as the EDTF grammar does", () => {
    const inputs: string[] = [];
    for (const year of [1, 99, 100, 999, 1000, 1582, 1700, 1800, 1900, 1950, 1957, 2000, 2024, 2100, 9999]) {
      inputs.push(String(year).padStart(4, "0"));
      for (let month = 1; month <= 12; month++) {
        const mm = String(month).padStart(2, "0");
        inputs.push(`${String(year).padStart(4, "0")}-${mm}`);
        for (const day of [1, 15, 28, 29, 30, 31]) inputs.push(`${String(year).padStart(4, "0")}-${mm}-${String(day).padStart(2, "0")}`);
      }
    }
    let read = 0;
    for (const input of inputs) {
      const plain = plainIsoDate(input);
      let grammar: ReturnType<typeof parseUncached> | null = null;
      try {
        grammar = parseUncached(input, false);
      } catch {
        grammar = null;
      }
      // Whatever the plain reading takes, the grammar reads alike; what it leaves, the grammar decides.
      if (plain) {
        expect(plain, input).toEqual(grammar);
        read++;
      }
    }
    expect(read).toBeGreaterThan(inputs.length * 0.9);
    for (const bad of ["1950-13", "1950-00", "1950-02-30", "1900-02-29", "0000", "1950-9", "19500", "1950-09-29T10:00"]) expect(plainIsoDate(bad), bad).toBeNull();
    expect(plainIsoDate("2000-02-29")?.latest).toBe("2000-02-29");
    expect(plainIsoDate("1957-02")?.latest).toBe("1957-02-28");
  });
});
