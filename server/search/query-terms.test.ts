import { describe, expect, it } from "vitest";
import { correctedText, highlightParts, markMatches, namesMatched } from "./query-terms";
import { parseQuery } from "./query/parse";

describe("what a result shows of the query", () => {
  it("tells which names every query word matched", () => {
    const names = ["Choe Yeonggeon", "Ch'oe Yong-gŏn", "최용건"];
    expect(namesMatched(names, ["choe", "yeonggeon"])).toEqual(["Choe Yeonggeon"]);
    expect(namesMatched(names, ["choe", "yonggon"])).toEqual(["Ch'oe Yong-gŏn"]);
    expect(namesMatched(names, ["choe", "yong", "gon"])).toEqual(["Ch'oe Yong-gŏn"]);
    expect(namesMatched(names, ["최용건"])).toEqual(["최용건"]);
    expect(namesMatched(names, [])).toEqual([]);
  });

  it("splits marked headlines into plain and matched parts", () => {
    expect(highlightParts("a \u0001b\u0002 c")).toEqual(["a ", "b", " c"]);
    expect(highlightParts("no marks")).toEqual(["no marks"]);
    expect(highlightParts("broken \u0001mark")).toEqual(["broken mark"]);
  });

  it("says the query as corrected", () => {
    const parsed = parseQuery("Shytkov 1950");
    expect(correctedText(parsed, [{ typed: "Shytkov", used: "shtykov" }])).toBe("shtykov 1950");
    expect(correctedText(parsed, [])).toBeNull();
  });
});

describe("markMatches", () => {
  it("marks the words the index reads as a query word, keeping the text as it was", () => {
    const marked = markMatches("Ch'oe Yŏng-gŏn met PUZANOV; puzanovs and Choe.", ["choe", "puzanov", "gon"]);
    expect(highlightParts(marked)).toEqual(["", "Ch'oe", " ", "Yŏng-gŏn", " met ", "PUZANOV", "; puzanovs and ", "Choe", "."]);
  });

  it("marks dotted abbreviations typed without dots, and the other way round", () => {
    expect(highlightParts(markMatches("Khrushchev in the U.S.S.R. and the USSR", ["ussr"]))).toEqual(["Khrushchev in the ", "U.S.S.R.", " and the ", "USSR", ""]);
  });

  it("leaves the text alone without terms", () => {
    expect(markMatches("Nothing to mark.", [])).toBe("Nothing to mark.");
  });
});
