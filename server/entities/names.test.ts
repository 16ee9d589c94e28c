import { describe, expect, it } from "vitest";
import { idFromParam, slugify } from "../slug";
import { normalizeName } from "./names";

describe("normalizeName", () => {
  it("folds accents, apostrophes, case and punctuation", () => {
    expect(normalizeName("Ch'oe Yong-gŏn")).toBe("choe yong gon");
    expect(normalizeName("Choe Yong-geon")).toBe("choe yong geon");
    expect(normalizeName("  A. M. Puzanov ")).toBe("a m puzanov");
  });
  it("keeps Hangul, Han and Cyrillic", () => {
    expect(normalizeName("최용건")).toBe("최용건");
    expect(normalizeName("崔庸健")).toBe("崔庸健");
    expect(normalizeName("Штыков")).toBe("штыков");
  });
  it("leaves nothing of a name that is only punctuation", () => {
    expect(normalizeName(" -'. ")).toBe("");
  });
});

describe("stable URLs", () => {
  it("slugs titles and reads the id back whatever follows it", () => {
    expect(slugify("Telegram from Shtykov to Gromyko and Stalin")).toBe("telegram-from-shtykov-to-gromyko-and-stalin");
    expect(idFromParam("12-telegram-from-shtykov")).toBe(12);
    expect(idFromParam("12-an-old-title")).toBe(12);
    expect(idFromParam("12")).toBe(12);
    expect(idFromParam("abc")).toBeNull();
    expect(idFromParam("0")).toBeNull();
    expect(idFromParam("99999999999999")).toBeNull();
  });
});
