// /api/health is public: it says what is up, never why something is down.
import { expect, it, vi } from "vitest";
import { checkHealth } from "../../server/health";

it("reports a failing search engine as an error without its message, which goes to the log", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const engine = { name: "meilisearch" as const, health: async () => ({ ok: false, detail: "connect ECONNREFUSED meili.internal:7700 (key sk_live_123)" }) };
  const health = await checkHealth(engine);
  expect(health).toMatchObject({ status: "degraded", database: { status: "ok" }, search: { engine: "meilisearch", status: "error" } });
  expect(JSON.stringify(health)).not.toMatch(/meili\.internal|sk_live|ECONNREFUSED/);
  expect(logged.mock.calls.flat().join(" ")).toContain("meili.internal");
  logged.mockRestore();
});

it("reports a healthy archive as ok", async () => {
  const health = await checkHealth({ name: "postgres", health: async () => ({ ok: true }) });
  expect(health.status).toBe("ok");
});
