// npm run import -- <file> --as <email> [--mapping <saved mapping>] [--dry-run] [--all-or-nothing]
//                   [--message "..."] [--report report.csv]
// Bulk import from the command line, for admins: the same upload, dry run, review and publication
// as the web pages (server/imports/), with a progress bar in the terminal. The import is made as
// the --as account: it goes to the review queue, or is published at once if that account is a
// trusted editor. --dry-run checks the file, prints the report, and keeps nothing.
import { createReadStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { withMigratedAppDb } from "./lib/database-url";

const usage = 'Usage: npm run import -- <file> --as <email> [--mapping "saved mapping"] [--dry-run] [--all-or-nothing] [--message "..."] [--report report.csv]';
let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      as: { type: "string" },
      mapping: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "all-or-nothing": { type: "boolean", default: false },
      message: { type: "string", default: "" },
      report: { type: "string" },
    },
  });
}
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const file = args.positionals[0];
if (!file || args.positionals.length > 1 || !args.values.as) {
  console.error(usage);
  process.exit(2);
}
const size = await stat(file).then((s) => (s.isFile() ? s.size : -1)).catch(() => -1);
if (size < 0) {
  console.error(`No such file: ${file}`);
  process.exit(2);
}

let failed = false;
await withMigratedAppDb(async (db) => {
  const { DomainError } = await import("../server/errors");
  const { loadSessionUser } = await import("../server/auth/session-user");
  const { hasRole } = await import("../server/auth/roles");
  const imports = await import("../server/imports/imports");
  const { runPendingImportJobs } = await import("../server/imports/jobs");
  const { REPORT_COLUMNS, reportRows } = await import("../server/imports/queries");
  const { csvMappingSchema } = await import("../server/imports/mapping");
  const { toCsv } = await import("../server/http/csv");
  const { env } = await import("../server/env");

  const account = await db.user.findUnique({ where: { email: args.values.as!.toLowerCase() } });
  const user = account ? await loadSessionUser({ uid: account.id, sv: account.sessionVersion, sid: "cli" }) : null;
  if (!user || !hasRole(user, "editor")) {
    console.error(`${args.values.as} is not an active account with the editor role or higher.`);
    failed = true;
    return;
  }

  /** Runs the background stage in this process, with a progress bar read from the import. */
  async function stage(id: number, label: string) {
    const bar = new cliProgress.SingleBar({ format: `${label.padEnd(10)} |{bar}| {percentage}% | ETA {eta_formatted}`, hideCursor: true, noTTYOutput: false }, cliProgress.Presets.shades_classic);
    bar.start(1, 0);
    const timer = setInterval(async () => {
      const row = await db.import.findUnique({ where: { id }, select: { progressDone: true, progressTotal: true } });
      if (row?.progressTotal) {
        bar.setTotal(row.progressTotal);
        bar.update(Math.min(row.progressDone, row.progressTotal));
      }
    }, 250);
    try {
      await runPendingImportJobs(db);
    } finally {
      clearInterval(timer);
      bar.update(bar.getTotal());
      bar.stop();
    }
  }

  try {
    const created = await imports.uploadImport(db, { author: user, fileName: path.basename(file), body: createReadStream(file), maxBytes: env.IMPORT_MAX_BYTES });
    console.log(`Import ${created.id}: ${created.fileName} (${created.format}, ${(size / 1024 / 1024).toFixed(1)} MB)`);
    if (created.uploadedBefore.length) console.log(`  This exact file was uploaded before: import ${created.uploadedBefore.join(", ")}.`);
    if (created.format === "csv") {
      const step = await imports.csvMappingStep(db, user, created.id);
      let mapping;
      if (args.values.mapping) {
        const saved = step.savedMappings.find((m) => m.name === args.values.mapping);
        if (!saved?.mapping) throw new DomainError("BAD_REQUEST", `No saved mapping is called "${args.values.mapping}". Saved: ${step.savedMappings.map((m) => m.name).join(", ") || "none"}.`);
        mapping = saved.mapping;
      } else {
        mapping = csvMappingSchema.parse({ columns: step.suggested, defaults: { originalLanguage: "en" } });
        console.log("  Columns (guessed from the headers; save a mapping in the web page to choose them):");
        for (const c of mapping.columns) console.log(`    ${c.header} -> ${c.target}`);
      }
      await imports.startDryRun(db, { author: user, id: created.id, mapping, allOrNothing: args.values["all-or-nothing"] });
    }
    await stage(created.id, "Checking");
    const checked = await db.import.findUniqueOrThrow({ where: { id: created.id } });
    if (checked.status === "failed") throw new DomainError("BAD_REQUEST", `The file could not be read: ${checked.error}`);
    const summary = imports.dryRunSummary(checked.summary)!;
    console.log(
      `  ${summary.rows} rows: ${summary.create} new, ${summary.update} updated, ${summary.unchanged} unchanged, ${summary.withErrors} with errors, ${summary.withWarnings} with warnings; ` +
        `entities ${summary.entities.matched} matched, ${summary.entities.created} new; collections ${summary.collections.matched} matched, ${summary.collections.created} new.`,
    );
    const problems = await db.importItem.findMany({ where: { importId: created.id, problems: { not: [] } }, orderBy: { seq: "asc" }, take: 20, select: { location: true, problems: true } });
    for (const item of problems) for (const p of item.problems as { level: string; message: string }[]) console.log(`  ${item.location}: ${p.level}: ${p.message}`);
    if (args.values.report) {
      const rows: (string | number | null)[][] = [];
      for await (const row of reportRows(db, user, created.id)) rows.push(row);
      await writeFile(args.values.report, toCsv(REPORT_COLUMNS, rows));
      console.log(`  Report written to ${args.values.report}.`);
    }
    if (args.values["dry-run"]) {
      await imports.discardImport(db, { author: user, id: created.id });
      console.log("Dry run: nothing was stored.");
      return;
    }
    const submitted = await imports.submitImport(db, { author: user, id: created.id, message: args.values.message!, allOrNothing: args.values["all-or-nothing"] });
    if (submitted.status === "submitted") {
      console.log(`Submitted for review as change request ${submitted.changeRequestId}: ${env.APP_URL}/imports/${created.id}`);
      return;
    }
    await stage(created.id, "Publishing");
    const done = await db.import.findUniqueOrThrow({ where: { id: created.id }, select: { summary: true } });
    console.log(`Published (trusted editor): ${JSON.stringify((done.summary as { published?: unknown }).published)}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message);
    failed = true;
  }
});
process.exit(failed ? 1 : 0);
