// Which Chromium the end-to-end tests drive: Playwright's own when installed
// (`npx playwright install chromium`), else the system one (/usr/bin/chromium, Debian's package),
// or the path in DOSSIER_CHROMIUM_PATH. Never a silent skip: no browser is an error.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.DOSSIER_CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`DOSSIER_CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  if (existsSync(chromium.executablePath())) return undefined; // Playwright's own browser
  const system = SYSTEM_CHROMIUM.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(
    "No Chromium for the end-to-end tests. Either run `npx playwright install chromium`, " +
      "or install the system package (Debian: `apt-get install chromium`) or set DOSSIER_CHROMIUM_PATH=/path/to/chromium.",
  );
}

/** Flags that keep a system Chromium off the network and working as root in CI. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];
