import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackUrl("/review")).toBe("/review");
    expect(safeCallbackUrl("/search?q=Gromyko&page=2#results")).toBe("/search?q=Gromyko&page=2#results");
    expect(safeCallbackUrl("/records/12/x")).toBe("/records/12/x");
  });

  it.each([
    ["a tab before a second slash", "/\t/other-host/x"],
    ["a carriage return", "/\r/other-host/x"],
    ["a newline", "/\n/other-host"],
    ["a protocol-relative URL", "//other-host/x"],
    ["a backslash", "/\\other-host/x"],
    ["backslash and slash", "/\\/other-host"],
    ["a dot segment that leaves two slashes", "/.//other-host/x"],
    ["an encoded dot segment", "/%2e//other-host"],
    ["an absolute URL", "https://other-host/x"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "desk"],
    ["an empty value", ""],
    ["a value that is not text", 42],
  ])("refuses %s", (_label, value) => {
    expect(safeCallbackUrl(value)).toBe("/desk");
  });

  it("answers a header-safe path for control and non-ASCII characters", () => {
    const path = safeCallbackUrl("/records/\u0000\u00e9?q=\u0001");
    expect(path.startsWith("/records/")).toBe(true);
    expect(path).toMatch(/^[\x21-\x7e]+$/);
  });

  it("uses the fallback it is given", () => {
    expect(safeCallbackUrl("//evil", "/")).toBe("/");
  });
});
