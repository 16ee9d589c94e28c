// Every route handler in app/ and every server action has a rule in the access table; the
// rules themselves are checked over HTTP in e2e/authorization.spec.ts.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_ACCESS } from "../../server/auth/access";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

async function files(dir: string, pick: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && pick(e.name)).map((e) => path.join(e.parentPath, e.name));
}

/** The HTTP methods a route module exports, however it spells the export. */
function exportedMethods(source: string): string[] {
  return METHODS.filter((m) =>
    new RegExp(`export\\s+(async\\s+)?function\\s+${m}\\b|export\\s+const\\s+${m}\\b|export\\s+const\\s*\\{[^}]*\\b${m}\\b[^}]*\\}|export\\s*\\{[^}]*\\bas\\s+${m}\\b[^}]*\\}`).test(source),
  );
}

describe("the route table", () => {
  it("lists exactly the routes in app/ and the server actions", async () => {
    const found: string[] = [];
    for (const file of await files(path.join(ROOT, "app"), (n) => /^route\.(ts|tsx|js)$/.test(n))) {
      const route = "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/");
      for (const method of exportedMethods(await readFile(file, "utf8"))) found.push(`${method} ${route}`);
    }
    for (const file of [...(await files(path.join(ROOT, "server"), (n) => /\.tsx?$/.test(n))), ...(await files(path.join(ROOT, "app"), (n) => /\.tsx?$/.test(n)))]) {
      const source = await readFile(file, "utf8");
      if (!/^\s*["']use server["']/.test(source)) continue;
      for (const [, name] of source.matchAll(/export\s+async\s+function\s+(\w+)/g)) found.push(`ACTION ${name}`);
    }
    expect(found.length).toBeGreaterThan(5);
    expect(found.sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });
});
