import { describe, expect, it } from "vitest";
import { editDistance, highlightParts, markMatches, namesMatched, nearestWord, queryTerms } from "./query-terms";

describe("query terms", () => {
  it("folds and splits what was typed, at most eight distinct words", () => {
    expect(queryTerms("Ch'oe  Yong-gŏn!")).toEqual(["choe", "yong", "gon"]);
    expect(queryTerms("'; DROP TABLE records; --")).toEqual(["drop", "table", "records"]);
    expect(queryTerms("a b c d e f g h i j")).toHaveLength(8);
    expect(queryTerms("!!! ...")).toEqual([]);
  });

  it("measures edits with transpositions as one", () => {
    expect(editDistance("shytkov", "shtykov")).toBe(1);
    expect(editDistance("gromyko", "gromyko")).toBe(0);
    expect(editDistance("puzanov", "pusanof")).toBe(2);
  });

  it("picks the nearest word within the edits its length allows", () => {
    expect(nearestWord("shytkov", ["shtykov", "stalin"])).toBe("shtykov");
    expect(nearestWord("cat", ["car"])).toBeNull(); // short words are not corrected
    expect(nearestWord("puzanov", ["puzanova", "xyz"])).toBe("puzanova");
    expect(nearestWord("hoxha", ["kim"])).toBeNull();
  });

  it("tells which names every query word matched", () => {
    const names = ["Choe Yeonggeon", "Ch'oe Yong-gŏn", "최용건"];
    expect(namesMatched(names, ["choe", "yeonggeon"])).toEqual(["Choe Yeonggeon"]);
    expect(namesMatched(names, ["choe", "yong", "gon"])).toEqual(["Ch'oe Yong-gŏn"]);
    expect(namesMatched(names, ["최용건"])).toEqual(["최용건"]);
    expect(namesMatched(names, [])).toEqual([]);
  });

  it("splits marked headlines into plain and matched parts", () => {
    expect(highlightParts("a \u0001b\u0002 c")).toEqual(["a ", "b", " c"]);
    expect(highlightParts("no marks")).toEqual(["no marks"]);
    expect(highlightParts("broken \u0001mark")).toEqual(["broken mark"]);
  });
});

describe("markMatches", () => {
  it("marks the words that fold to a search term, keeping the text as it was", () => {
    const marked = markMatches("Ch'oe Yŏng-gŏn met PUZANOV; puzanovs and Choe.", ["choe", "puzanov", "gon"]);
    expect(highlightParts(marked)).toEqual(["", "Ch'oe", " Yŏng-", "gŏn", " met ", "PUZANOV", "; puzanovs and ", "Choe", "."]);
  });

  it("leaves the text alone without terms", () => {
    expect(markMatches("Nothing to mark.", [])).toBe("Nothing to mark.");
  });
});
