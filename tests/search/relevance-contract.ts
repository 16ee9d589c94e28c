// What readers type, asked of every engine on a small archive written for it: a case for each
// way search used to miss (dates in the query, a word no record has with the others, typos,
// dotted abbreviations, stop-words and hyphens, many near-identical records). Runs against
// PostgreSQL always, and against Meilisearch when MEILI_URL is set.
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchDocument, SearchEntity } from "../../server/search/document";
import { searchQuerySchema, searchWith, type SearchEngine, type SearchQueryInput } from "../../server/search/engine";

const person = (id: number, name: string, ...variants: string[]): SearchEntity => ({ id, type: "person", role: "mentioned", name, variants });
const place = (id: number, name: string, ...variants: string[]): SearchEntity => ({ id, type: "place", role: "mentioned", name, variants });

let nextId = 1;
function doc(title: string, date: string, summary: string, entities: SearchEntity[] = [], latest = date): SearchDocument {
  const id = nextId++;
  const year = Number(date.slice(0, 4));
  return {
    id, revisionId: id, title, summary, fullText: "", dateText: date, dateEarliest: date, dateLatest: latest,
    years: [year], decade: Math.floor(year / 10) * 10, documentType: "report", language: "en", collections: [], entities,
  };
}

const GROMYKO = person(101, "Andrei Gromyko", "Громыко");
const MOSCOW = place(201, "Moscow", "Moskva");
const BAKER = person(102, "James Baker", "James A. Baker III");

export const RELEVANCE_ARCHIVE: SearchDocument[] = [
  doc("Gromyko receives the ambassador in Moscow", "1950-03-10", "A first meeting on the Korean question.", [GROMYKO, MOSCOW]),
  doc("Gromyko and the ambassador meet again in Moscow", "1955-07-01", "The talks turn to trade.", [GROMYKO, MOSCOW]),
  doc("Gromyko's note from Moscow", "1957-07-24", "A note on timber exports.", [GROMYKO, MOSCOW]),
  doc("Kim Il Sung receives a Soviet delegation", "1957-05-16", "Kim Il Sung speaks of the five-year plan.", [person(103, "Kim Il Sung", "Kim Il-sung", "김일성")]),
  doc("Meeting between Enver Hoxha and the Albanian labour delegation", "1959-06-06", "Hoxha speaks to the delegates.", [person(104, "Enver Hoxha")]),
  doc("Labor conditions in the port", "1961-01-12", "A survey of labor on the docks."),
  doc("Telegram from Shtykov to Gromyko", "1950-09-29", "Shtykov reports to Gromyko on the front.", [person(105, "Terentii Shtykov", "Terenty Shtykov"), GROMYKO]),
  doc("Report by Shtinov on fisheries", "1952-04-02", "Fisheries of the eastern coast.", [person(106, "Ivan Shtinov")]),
  doc("Mao Zedong's conversation with a North Korean official", "1969-10-01", "At the Tiananmen Gate.", [person(107, "Mao Zedong", "Mao Tse-tung")]),
  doc("Trade agreement with Czechoslovakia", "1957-05-02", "Economic assistance from Czechoslovakia.", [place(202, "Czechoslovakia")]),
  doc("Khrushchev returns to the U.S.S.R.", "1959-09-28", "After his visit to the United States.", [person(108, "Nikita Khrushchev")]),
  doc("President George H.W. Bush in Ottawa", "1989-02-10", "A working visit.", [person(109, "George H. W. Bush"), place(203, "Ottawa")]),
  doc("Visit to Bosnia-Herzegovina", "1996-03-01", "The Secretary visits Sarajevo.", [place(204, "Bosnia-Herzegovina")]),
  doc("Choe Yong-geon in Beijing", "1969-10-01", "A delegation at the anniversary.", [person(110, "Choe Yong-geon")]),
  // Names that readers write together or apart.
  doc("De Gaulle receives the ambassador", "1960-05-05", "The general speaks of Europe.", [person(113, "Charles de Gaulle")]),
  doc("Delegation arrives in Pyongyang", "1958-02-14", "The delegates are met at the station.", [place(205, "Pyongyang")]),
  // Two envoys of one name to one country: initials tell them apart.
  doc("Appointment of Robert Price as Envoy to Panama", "1921-03-01", "Price presents his credentials.", [person(111, "Robert Price")]),
  doc("Appointment of William Jennings Price as Envoy to Panama", "1913-08-20", "Price presents his credentials.", [person(112, "William Jennings Price")]),
  // Twenty trips of one minister to one city: only a date tells them apart.
  ...Array.from({ length: 20 }, (_, i) => {
    const month = String((i % 12) + 1).padStart(2, "0");
    return doc(`Secretary Baker visits Moscow`, `${1989 + Math.floor(i / 6)}-${month}-15`, "Talks with the Soviet foreign minister.", [BAKER, MOSCOW]);
  }),
];

export function describeRelevanceContract(name: string, makeEngine: () => SearchEngine) {
  describe(`search finds what readers type: ${name}`, () => {
    let engine: SearchEngine;
    const search = (input: SearchQueryInput) => searchWith(engine, searchQuerySchema.parse(input));
    const titles = async (input: SearchQueryInput) => (await search(input)).hits.map((h) => `${h.title} (${h.dateEarliest})`);

    beforeAll(async () => {
      engine = makeEngine();
      await engine.configure();
      await engine.upsert(RELEVANCE_ARCHIVE);
    });

    it("reads a year, a month or a decade typed in the query as the records' date", async () => {
      expect(await titles({ q: "Gromyko Moscow 1955" })).toEqual(["Gromyko and the ambassador meet again in Moscow (1955-07-01)"]);
      const july = await search({ q: "Gromyko Moscow July 1957" });
      expect(july.hits.map((h) => h.dateEarliest)).toEqual(["1957-07-24"]);
      expect(july.understood.date).toMatchObject({ label: "July 1957", from: "1957-07-01", to: "1957-07-31" });
      expect((await search({ q: "Gromyko Moscow 1950s" })).total).toBe(3);
      // The archival order (DACS), a part of a decade, an open end: dates too, never words.
      expect((await search({ q: "Gromyko Moscow 1957 July 24" })).hits.map((h) => h.dateEarliest)).toEqual(["1957-07-24"]);
      expect((await search({ q: "Gromyko Moscow late 1950s" })).hits.map((h) => h.dateEarliest)).toEqual(["1957-07-24"]);
      const before = await search({ q: "Gromyko Moscow before 1956" });
      expect(before.understood.date?.label).toBe("before 1956");
      expect(before.hits.map((h) => h.dateEarliest).sort()).toEqual(["1950-03-10", "1955-07-01"]);
      // A year never becomes a text word or a corrected one.
      expect((await search({ q: "Gromyko 1958" })).understood.corrections).toEqual([]);
    });

    it("leaves a date out, and says so, when no record of that date has the words", async () => {
      const result = await search({ q: "Hoxha 1970" });
      expect(result.hits.map((h) => h.dateEarliest)).toEqual(["1959-06-06"]);
      expect(result.understood.dateOmitted?.label).toBe("1970");
      // Records of 1957 exist too, but not Hoxha's: the name is kept and the date left out.
      const name = await search({ q: "Hoxha 1957" });
      expect(name.hits.map((h) => h.dateEarliest)).toEqual(["1959-06-06"]);
      expect(name.understood.dateOmitted?.label).toBe("1957");
      expect(name.understood.omitted).toEqual([]);
    });

    it("leaves out a word that no record has with the others, and says which", async () => {
      const result = await search({ q: "Kim Il Sung Kirghizia" });
      expect(result.hits[0]?.title).toBe("Kim Il Sung receives a Soviet delegation");
      // The preferred name matched: its hyphenated variant is not news.
      expect(result.hits[0]?.matchedAs).toEqual([]);
      expect(result.understood.omitted).toEqual(["Kirghizia"]);
      expect((await search({ q: "Kim Il Sung Kirghizia", exact: true })).total).toBe(0);
      expect((await search({ q: "Xyzzyq Plugh" })).total).toBe(0);
    });

    it("corrects one typo from five letters and two from nine, transpositions counting as one", async () => {
      expect(await titles({ q: "Zedogn" })).toEqual(["Mao Zedong's conversation with a North Korean official (1969-10-01)"]);
      expect(await titles({ q: "Hxoha" })).toEqual(["Meeting between Enver Hoxha and the Albanian labour delegation (1959-06-06)"]);
      expect(await titles({ q: "Czechslovaika" })).toEqual(["Trade agreement with Czechoslovakia (1957-05-02)"]);
    });

    it("among equally near words, takes the one that finds something with the other words", async () => {
      expect(await titles({ q: "Shtikov Gromyko" })).toEqual(["Telegram from Shtykov to Gromyko (1950-09-29)"]);
    });

    it("reads a word that exists as a nearer one when only that finds the other words", async () => {
      const result = await search({ q: "Hoxha labor" });
      expect(result.hits[0]?.title).toBe("Meeting between Enver Hoxha and the Albanian labour delegation");
    });

    it("matches dotted abbreviations however they are written", async () => {
      for (const q of ["Khrushchev USSR", "Khrushchev U.S.S.R.", "khrushchev u.s.s.r"]) {
        expect((await search({ q })).hits[0]?.title, q).toBe("Khrushchev returns to the U.S.S.R.");
      }
      for (const q of ["H.W. Bush", "HW Bush Ottawa", "George H. W. Bush"]) {
        expect((await search({ q })).hits[0]?.title, q).toBe("President George H.W. Bush in Ottawa");
      }
    });

    it("reads initials the index does not hold as the start of names, ranking and never excluding", async () => {
      for (const q of ["W.J. Price Panama", "W. J. Price Panama", "W J Price Panama"]) {
        const result = await search({ q });
        expect(result.hits.map((h) => h.title).sort(), q).toEqual([
          "Appointment of Robert Price as Envoy to Panama",
          "Appointment of William Jennings Price as Envoy to Panama",
        ]);
        expect(result.understood.omitted, q).toEqual([]);
        // Ranking by initials: the PostgreSQL engine's title tier (Meilisearch has no such rule).
        if (engine.name === "postgres") expect(result.hits[0]?.title, q).toBe("Appointment of William Jennings Price as Envoy to Panama");
      }
      if (engine.name === "postgres") expect((await search({ q: "R. Price Panama" })).hits[0]?.title).toBe("Appointment of Robert Price as Envoy to Panama");
    });

    it("never requires stop-words, and reads hyphenated words whole or apart", async () => {
      expect((await search({ q: "Bosnia and Herzegovina" })).hits[0]?.title).toBe("Visit to Bosnia-Herzegovina");
      for (const q of ["Choe Yong-geon", "Choe Yonggeon", "Choe Yong geon"]) {
        expect((await search({ q })).hits[0]?.title, q).toBe("Choe Yong-geon in Beijing");
      }
    });

    it("reads two typed words as the one word a record writes, and one typed word as two", async () => {
      for (const q of ["Pyong Yang delegation", "pyong yang"]) {
        expect((await search({ q })).hits[0]?.title, q).toBe("Delegation arrives in Pyongyang");
      }
      for (const q of ["DeGaulle", "degaulle ambassador 1960"]) {
        const result = await search({ q });
        expect(result.hits[0]?.title, q).toBe("De Gaulle receives the ambassador");
        expect(result.understood.omitted, q).toEqual([]);
      }
      // The words apart still match apart: the join only adds.
      expect((await search({ q: "Gromyko Moscow" })).total).toBe(3);
    });

    it("searches a quoted phrase no record has as typed as its words, and says so", async () => {
      // As the record writes it: a phrase, nothing loosened.
      const asWritten = await search({ q: '"Choe Yong-geon in Beijing"' });
      expect(asWritten.hits.map((h) => h.title)).toEqual(["Choe Yong-geon in Beijing"]);
      expect(asWritten.understood.loosened).toEqual([]);
      // Hyphenated otherwise, or words in another order: the words, in any order.
      for (const q of ['"Choe Yonggeon in Beijing"', '"Yong-geon Choe in Beijing"', '"Choe Yong geon in Beijing" 1969']) {
        const result = await search({ q });
        expect(result.hits[0]?.title, q).toBe("Choe Yong-geon in Beijing");
        expect(result.understood.loosened, q).toEqual([`“${q.split('"')[1]}”`]);
        expect(result.understood.omitted, q).toEqual([]);
      }
      // Asked for exactly: the phrase as typed, which no record has.
      expect((await search({ q: '"Choe Yonggeon in Beijing"', exact: true })).total).toBe(0);
      // A phrase that records have, with a word none has beside it: the word is left out, the phrase kept.
      const withWord = await search({ q: '"Choe Yong-geon in Beijing" Kirghizia' });
      expect(withWord.hits[0]?.title).toBe("Choe Yong-geon in Beijing");
      expect(withWord.understood.loosened).toEqual([]);
      expect(withWord.understood.omitted).toEqual(["Kirghizia"]);
      // Words no record has together stay a relaxation's business; nothing at all stays nothing.
      expect((await search({ q: '"Zanzibar Quetzalcoatl"' })).total).toBe(0);
    });

    it("puts the one trip of twenty that the typed date names first", async () => {
      expect((await search({ q: "Baker Moscow March 1991" })).hits.map((h) => h.dateEarliest)).toEqual(["1991-03-15"]);
      const year = await search({ q: "Baker Moscow 1991" });
      expect(year.total).toBe(6);
      expect(year.hits.every((h) => h.dateEarliest.startsWith("1991"))).toBe(true);
    });
  });
}
