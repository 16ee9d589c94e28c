// Cross-site refusal for state-changing requests, case by case.
import { describe, expect, it } from "vitest";
import { refuseCrossSite } from "../../server/http/cross-site";

const req = (method: string, headers: Record<string, string>) => new Request("http://dossier.test/api/trpc/x", { method, headers: { host: "dossier.test", ...headers } });
const status = (r: Response | null) => r?.status ?? "ok";

describe("cross-site refusal", () => {
  it.each([
    ["a same-origin JSON POST", req("POST", { origin: "http://dossier.test", "content-type": "application/json" }), "ok"],
    ["a JSON POST without Origin (a non-browser client)", req("POST", { "content-type": "application/json; charset=utf-8" }), "ok"],
    ["the same host over another scheme", req("POST", { origin: "https://dossier.test", "content-type": "application/json" }), 403],
    ["the same host on another port", req("POST", { origin: "http://dossier.test:8080", "content-type": "application/json" }), 403],
    ["a foreign origin that claims to be us in X-Forwarded-Host", req("POST", { origin: "https://evil.example", "x-forwarded-host": "evil.example", "content-type": "application/json" }), 403],
    ["a foreign origin with a matching Host header", new Request("http://evil.example/api/trpc/x", { method: "POST", headers: { host: "evil.example", origin: "http://evil.example", "content-type": "application/json" } }), 403],
    ["a GET from anywhere", req("GET", { origin: "https://evil.example" }), "ok"],
    ["a cross-site form POST", req("POST", { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }), 403],
    ["a cross-site JSON POST", req("POST", { origin: "https://evil.example", "content-type": "application/json" }), 403],
    ["a POST with Origin null (sandboxed frame)", req("POST", { origin: "null", "content-type": "application/json" }), 403],
    ["a cross-site POST without Origin but with Sec-Fetch-Site", req("POST", { "sec-fetch-site": "cross-site", "content-type": "application/json" }), 403],
    ["a same-origin text/plain POST", req("POST", { origin: "http://dossier.test", "content-type": "text/plain" }), 415],
    ["a same-origin POST with no content type", req("POST", { origin: "http://dossier.test" }), 415],
  ])("%s: %s", (_label, request, expected) => {
    expect(status(refuseCrossSite(request, "http://dossier.test"))).toBe(expected);
  });

  it("behind a proxy, accepts the public origin (APP_URL) whatever Host the app sees", () => {
    const behindProxy = req("POST", { host: "app:3000", origin: "https://archive.example.org", "content-type": "application/json" });
    expect(status(refuseCrossSite(behindProxy, "https://archive.example.org"))).toBe("ok");
    expect(status(refuseCrossSite(behindProxy, "http://archive.example.org"))).toBe(403);
  });
});
