// npm test — everything, in order, stopping at the first failure:
// typecheck, lint, unit and integration tests (vitest, real PostgreSQL),
// production build, end-to-end tests (Playwright, real Chromium, fresh database).
import { spawnSync } from "node:child_process";

const steps: [string, string, string[], NodeJS.ProcessEnv?][] = [
  ["Typecheck", "npx", ["--no-install", "tsc", "--noEmit"]],
  ["Lint", "npx", ["--no-install", "eslint", "--max-warnings", "0", "."]],
  ["Unit and integration tests", "npx", ["--no-install", "vitest", "run"]],
  ["Production build", "npx", ["--no-install", "next", "build"], { NODE_ENV: "production" }],
  ["End-to-end tests", "npx", ["--no-install", "playwright", "test"]],
];

const only = process.argv[2];
const started = Date.now();
for (const [name, command, args, env] of steps) {
  if (only && !name.toLowerCase().startsWith(only.toLowerCase())) continue;
  console.log(`\n━━ ${name} ━━ ${command} ${args.join(" ")}`);
  const stepStart = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${((Date.now() - stepStart) / 1000).toFixed(0)} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
