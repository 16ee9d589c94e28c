import { describe, expect, it } from "vitest";
import { findDates } from "./dates";
import { allowedTypos, isPhrase, parseQuery, phraseWords, queryWords, type QueryTerm } from "./parse";
import { indexText, tokenize } from "./tokenize";

describe("tokenize: the same words in the index, the query and the highlighting", () => {
  it.each([
    ["U.S.S.R.", "ussr"],
    ["USSR", "ussr"],
    ["Khrushchev, U.S.S.R. and the U.S.", "khrushchev ussr and the us"],
    ["George H.W. Bush", "george hw bush"],
    ["George H. W. Bush", "george hw bush"],
    ["A. M. Puzanov", "am puzanov"],
    ["A. Smith", "a smith"],
    ["Washington, D.C. He said", "washington dc he said"],
    ["Choe Yong-geon", "choe yong geon yonggeon"],
    ["Bosnia-Herzegovina", "bosnia herzegovina bosniaherzegovina"],
    ["Ch'oe Yong-gŏn", "choe yong gon yonggon"],
    ["O’Brien ʻAbd", "obrien abd"],
    ["Øresund Łódź straße", "oresund lodz strasse"],
    ["최용건 崔庸健 Штыков", "최용건 崔庸健 штыков"],
    ["telegram No. 1234, 1950s", "telegram no 1234 1950s"],
    ["1950–1953", "1950 1953"],
  ])("%s -> %s", (text, expected) => {
    expect(indexText(text)).toBe(expected);
  });

  it("keeps where each word stands, for highlighting", () => {
    const [a, b] = tokenize("See U.S.S.R. trade");
    expect(a).toMatchObject({ raw: "See", start: 0, end: 3 });
    expect(b).toMatchObject({ raw: "U.S.S.R.", start: 4, end: 12, joined: "ussr", abbreviation: true });
  });
});

describe("dates typed in a query", () => {
  it.each([
    ["Puzanov 1957", "1957", "1957-01-01", "1957-12-31"],
    ["Puzanov July 1957", "July 1957", "1957-07-01", "1957-07-31"],
    ["24 July 1957 Puzanov", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["July 24, 1957", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["1957-07-24", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["1957-07", "July 1957", "1957-07-01", "1957-07-31"],
    ["Sept. 1950 Shtykov", "September 1950", "1950-09-01", "1950-09-30"],
    ["sept 1950", "September 1950", "1950-09-01", "1950-09-30"],
    ["Gromyko 1950s", "1950s", "1950-01-01", "1959-12-31"],
    ["1950-1953", "1950–1953", "1950-01-01", "1953-12-31"],
    ["1950–53 Korea", "1950–1953", "1950-01-01", "1953-12-31"],
    ["between 1950 and 1953", "1950–1953", "1950-01-01", "1953-12-31"],
    ["circa 1957", "circa 1957", "1956-01-01", "1958-12-31"],
    ["ca. 1957 Puzanov", "circa 1957", "1956-01-01", "1958-12-31"],
    ["24-Jul-1957", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["the 24th of July, 1957", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["1957-58", "1957–1958", "1957-01-01", "1958-12-31"],
    ["1950s-60s", "1950–1969", "1950-01-01", "1969-12-31"],
    ["Puzanov 1957 July 24", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["1957 July", "July 1957", "1957-07-01", "1957-07-31"],
    ["1957/07/24", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["24/7/1957", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["7/24/1957", "24 July 1957", "1957-07-24", "1957-07-24"],
    ["3/4/1957", "4 March 1957 – 3 April 1957", "1957-03-04", "1957-04-03"],
    ["July-August 1957", "July 1957 – August 1957", "1957-07-01", "1957-08-31"],
    ["Jun. to Aug. 1957", "June 1957 – August 1957", "1957-06-01", "1957-08-31"],
    ["1950/51", "1950–1951", "1950-01-01", "1951-12-31"],
    ["1950s-1960s", "1950–1969", "1950-01-01", "1969-12-31"],
    ["19th century", "19th century", "1800-01-01", "1899-12-31"],
    ["Korea nineteenth-century", "19th century", "1800-01-01", "1899-12-31"],
    ["20th c. treaties", "20th century", "1900-01-01", "1999-12-31"],
    ["21st century", "21st century", "2000-01-01", "2099-12-31"],
    ["early 1950s", "early 1950s", "1950-01-01", "1953-12-31"],
    ["mid-1950s Gromyko", "mid-1950s", "1953-01-01", "1956-12-31"],
    ["late 1950s", "late 1950s", "1956-01-01", "1959-12-31"],
    ["late 1957", "late 1957", "1957-09-01", "1957-12-31"],
    ["early 1957", "early 1957", "1957-01-01", "1957-04-30"],
    ["early 20th century", "early 20th century", "1900-01-01", "1939-12-31"],
    ["Gromyko before 1950", "before 1950", "1000-01-01", "1949-12-31"],
    ["pre-1950", "before 1950", "1000-01-01", "1949-12-31"],
    ["after 1945", "after 1945", "1946-01-01", "2199-12-31"],
    ["since 1945", "since 1945", "1945-01-01", "2199-12-31"],
    ["until 1950", "until 1950", "1000-01-01", "1950-12-31"],
    ["after 1950 before 1960", "1951–1959", "1951-01-01", "1959-12-31"],
    ["1950s after 1955", "1956–1959", "1956-01-01", "1959-12-31"],
    ["Gromyko 1950 1953", "1950–1953", "1950-01-01", "1953-12-31"],
    ["29.09.1950", "29 September 1950", "1950-09-29", "1950-09-29"],
  ])("%s is the date %s", (q, label, from, to) => {
    const parsed = parseQuery(q);
    expect(parsed.date).toMatchObject({ label, from, to });
    expect(queryWords(parsed).some((w) => /^\d{4}/.test(w))).toBe(false);
  });

  it.each([
    ["telegram No. 1234", "1234"],
    ["telegram no 1957", "1957"],
    ["document #1957", "1957"],
    ["Resolution 242", "242"],
    ["31 February 1950", "31"],
    ["Puzanov 99999", "99999"],

  ])("%s has no date; %s stays a word", (q, word) => {
    const parsed = parseQuery(q);
    expect(parsed.date).toBeNull();
    expect(queryWords(parsed)).toContain(word);
  });

  it.each([
    ["Prague Spring 1968", "1968", "spring"],
    ["Gromyko 1957 Marshall", "1957", "marshall"],
    ["1957 Decembrists", "1957", "decembrists"],
    ["late Stalin 1950", "1950", "late"],
  ])("%s is the date %s; %s stays a word", (q, label, word) => {
    const parsed = parseQuery(q);
    expect(parsed.date?.label).toBe(label);
    expect(queryWords(parsed)).toContain(word);
  });

  it("removes the date from the text for the chip that clears it", () => {
    expect(parseQuery("Puzanov, July 1957, trade").textWithoutDate).toBe("Puzanov, trade");
    expect(parseQuery("Gromyko Moscow 1950").textWithoutDate).toBe("Gromyko Moscow");
    expect(findDates("Kim Il Sung").date).toBeNull();
  });
});

describe("words and phrases of a query", () => {
  const brief = (t: QueryTerm) => `${t.words.join(" ")}${t.alternatives.length ? `|${t.alternatives.map((a) => a.join(" ")).join("|")}` : ""}${t.optional ? "?" : ""}${t.prefix ? "*" : ""}${t.fuzzy ? "~" : ""}`;
  const summary = (q: string) => parseQuery(q).terms.map(brief);

  it.each([
    ["Kim Il Sung", ["kim~", "il~", "sung*~"]],
    ["Bosnia and Herzegovina ", ["bosnia~", "and?~", "herzegovina~"]],
    ["Choe Yong-geon", ["choe~", "yonggeon|yong geon*~"]],
    ["Khrushchev U.S.S.R.", ["khrushchev~", "ussr"]],
    ["H.W. Bush", ["hw", "bush*~"]],
    ["A. M. Puzanov", ["am", "puzanov*~"]],
    ["A M Puzanov", ["a?~", "m?~", "puzanov*~"]],
    ['"five-year plan" Kim', ["five year fiveyear plan", "kim*~"]],
    ["Ch'oe", ["choe*~"]],
    ["the", ["the*~"]],
    ["telegram No. 1234", ["telegram~", "no?~", "1234"]],
  ])("%s", (q, expected) => {
    expect(summary(q)).toEqual(expected);
  });

  it("reads a quoted phrase's words apart, for when no record has the phrase as typed", () => {
    const [phrase, word] = parseQuery('"Choe Yonggeon and the five-year plan" Kim').terms;
    expect(isPhrase(phrase!)).toBe(true);
    expect(isPhrase(word!)).toBe(false);
    expect(isPhrase(parseQuery('"Kirghizia"').terms[0]!)).toBe(false); // one quoted word is a word
    expect(isPhrase(parseQuery('"Yong-geon"').terms[0]!)).toBe(true); // its parts must follow each other
    // As unquoted words are read (hyphenated whole or apart, stop-words optional), never typo-corrected.
    expect(phraseWords(phrase!).map(brief)).toEqual(
      ["choe", "yonggeon", "and?", "the?", "fiveyear|five year", "plan"],
    );
  });

  it("keeps at most eight required words and takes any text safely", () => {
    expect(parseQuery("one two three four five six seven eight nine ten").terms.filter((t) => !t.optional)).toHaveLength(8);
    for (const q of ["", "   ", "!!!", "'; DROP TABLE x; --", "a & b | !c :* (d)", '"', '""', "\u202Eevil", "x".repeat(600)]) {
      expect(() => parseQuery(q), q).not.toThrow();
    }
    expect(parseQuery("!!!").terms).toEqual([]);
  });

  it("allows typos in a word the index does not hold: one from four letters, two from nine", () => {
    expect([allowedTypos("kim"), allowedTypos("bakr"), allowedTypos("shtykov"), allowedTypos("kirghizia")]).toEqual([0, 1, 1, 2]);
  });
});
