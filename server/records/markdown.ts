// User-written Markdown to safe HTML. markdown-it (kept, CommonMark-compliant parser) renders
// with raw HTML off; sanitize-html (kept, allow-list sanitizer that runs on the server without a
// DOM) then strips anything outside a small allow-list, so a payload is stored as written and
// rendered inert.
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "code", "pre", "a", "hr", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "del"],
  allowedAttributes: { a: ["href", "title"] },
  allowedSchemes: ["http", "https", "mailto"],
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener" }), h1: "h2" },
};

export function renderMarkdown(text: string): string {
  return sanitizeHtml(markdown.render(text), { ...ALLOWED, allowedAttributes: { a: ["href", "title", "rel"] } });
}
