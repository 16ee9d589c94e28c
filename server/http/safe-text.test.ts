import { describe, expect, it } from "vitest";
import { cleanInput, inputProblem, MAX_INPUT_DEPTH, textProblem } from "./safe-text";

describe("safe text", () => {
  it.each([
    ["plain text", "Choe Yeonggeon, 1948", null],
    ["newlines and tabs", "line one\n\tline two\r\n", null],
    ["Korean, Arabic, emoji, astral letters", "최용건 · الأرشيف · 📜 𝕬", null],
    ["right-to-left embedding and isolate marks", "\u202Bنص\u202C \u2067x\u2069", null],
    ["NUL", "a\u0000b", "contains a control character (U+0000)"],
    ["escape", "\u001b[31mred", "contains a control character (U+001B)"],
    ["DEL", "\u007f", "contains a control character (U+007F)"],
    ["a lone high surrogate", "abc\ud800", "contains an invalid character (a lone UTF-16 surrogate)"],
    ["a lone low surrogate", "\udfffabc", "contains an invalid character (a lone UTF-16 surrogate)"],
    ["a right-to-left override", "invoice\u202Egnp.exe", "contains an invisible text-direction override (U+202E); remove it"],
  ])("%s", (_label, value, problem) => {
    expect(textProblem(value)).toBe(problem);
  });

  it("names the path of the first bad string, in nested objects, arrays and keys", () => {
    expect(inputProblem({ content: { names: [{ name: "ok" }, { name: "bad\u0000" }] } })).toBe("content.names.1.name contains a control character (U+0000).");
    expect(inputProblem({ ["k\u202E"]: 1 })).toMatch(/^A field name contains an invisible/);
    expect(inputProblem({ a: 1, b: [true, null, "fine"] })).toBeNull();
  });

  it("refuses absurd depth and size (never recursing past the depth limit)", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblem(deep)).toMatch(/nested too deeply/);
    let ok: unknown = "x";
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = { a: ok };
    expect(inputProblem(ok)).toBeNull();
    expect(inputProblem(new Array(300_000).fill(1))).toBe("The input is too large.");
  });

  it("cleans every string, copying only what changes", () => {
    const clean = { title: "Report", names: ["Kim", "Pak"], meta: { n: 1, ok: true, none: null } };
    expect(cleanInput(clean)).toBe(clean);
    const dirty = { title: "Report", names: ["Kim", "Cho\u0306e\u200B"], meta: { n: 1 } };
    const cleaned = cleanInput(dirty) as typeof dirty;
    expect(cleaned).toEqual({ title: "Report", names: ["Kim", "Chŏe"], meta: { n: 1 } });
    expect(cleaned).not.toBe(dirty);
    expect(cleaned.meta).toBe(dirty.meta);
    expect(dirty.names[1]).toBe("Cho\u0306e\u200B");
  });
});
