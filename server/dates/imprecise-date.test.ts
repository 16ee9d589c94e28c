import { describe, expect, it } from "vitest";
import { DateParseError, describeImpreciseDate, parseImpreciseDate } from "./imprecise-date";

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
