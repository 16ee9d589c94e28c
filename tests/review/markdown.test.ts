import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../server/records/markdown";

describe("Markdown rendering", () => {
  it("renders paragraphs, emphasis and links", () => {
    const html = renderMarkdown("First *paragraph*.\n\nSee [the archive](https://example.org).");
    expect(html).toBe('<p>First <em>paragraph</em>.</p>\n<p>See <a href="https://example.org" rel="nofollow noopener">the archive</a>.</p>\n');
  });

  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="https://x" onclick="alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "[x](JaVaScRiPt:alert(1))",
    '<svg onload="alert(1)">',
  ])("renders %s inert", (payload) => {
    const html = renderMarkdown(payload);
    // No live element but the allow-listed ones, no event handler attribute, no script URL.
    expect(html).not.toMatch(/<(script|img|iframe|svg)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/href\s*=\s*"\s*javascript:/i);
  });
});
