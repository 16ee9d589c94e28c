import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { writeSection } from "./report";

it("writes a bench's run in place of the previous one, which stays below as an earlier run", async () => {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "dossier-report-")), "benchmarks.md");
  await writeFile(file, "# Benchmarks\n\n## bench:a (2026-11-01)\n\nold\n\n### Reading bench:a\n\nwhy\n\n## bench:b (2026-11-02)\n\nB\n");
  await writeSection("bench:a", "## bench:a (2026-12-01)\n\nnew\n", file);
  await writeSection("bench:a", "## bench:a (2026-12-02)\n\nnewer\n", file);
  await writeSection("bench:c", "## bench:c (2026-12-02)\n\nC\n", file);
  expect(await readFile(file, "utf8")).toBe(
    [
      "# Benchmarks",
      "## bench:a (2026-12-02)",
      "newer",
      "### Earlier runs",
      "#### Run of 2026-12-01",
      "new",
      "#### Run of 2026-11-01",
      "old",
      "#### Reading bench:a",
      "why",
      "## bench:b (2026-11-02)",
      "B",
      "## bench:c (2026-12-02)",
      "C\n",
    ].join("\n\n"),
  );
});
