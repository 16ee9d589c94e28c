import { describe, expect, it } from "vitest";
import { displayDate } from "./display";

describe("displayDate: one format for every date, whatever the editor typed", () => {
  it.each([
    ["1950-09-29", "29 September 1950", "1950-09-29"],
    ["29 September 1950", "29 September 1950", "1950-09-29"],
    ["29.09.1950", "29 September 1950", "1950-09-29"],
    ["Sept. 1950", "September 1950", "1950-09"],
    ["1957", "1957", "1957"],
    ["circa 1957", "circa 1957", "1957"],
    ["1955?", "1955?", "1955"],
    ["1950s", "1950s", "1950"],
    ["1950-09/1950-10", "September–October 1950", "1950-09"],
    ["24 July 1957 - 26 July 1957", "24–26 July 1957", "1957-07-24"],
    ["1950/1953", "1950 – 1953", "1950"],
    ["1950-12/1951-02", "December 1950 – February 1951", "1950-12"],
  ])("%s → %s", (written, text, machine) => {
    expect(displayDate(written)).toEqual({ text, machine });
  });

  it("keeps a date it cannot read as written, with no machine form", () => {
    expect(displayDate("the thirty-second of Julember")).toEqual({ text: "the thirty-second of Julember", machine: null });
  });
});
