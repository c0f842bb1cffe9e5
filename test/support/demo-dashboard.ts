// The dashboard as a user meets it for browser tests: the demo company synced into a fresh PGlite,
// the real server on an ephemeral port, and a page in Debian's Chromium.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { loadConfig } from "../../jobs/config/load-config";
import { openRuntime, runSyncCycle, type Runtime } from "../../jobs/runtime";
import { startServer, type RunningServer } from "../../api/server";
import { launchChromium } from "./chromium";

export interface DemoDashboard {
  runtime: Runtime;
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Where screenshots go: E2E_SCREENSHOT_DIR, or a new temp folder. */
  screenshots: string;
  close(): Promise<void>;
}

/** `env` adds settings, e.g. { AUTH_MODE: "local" } for the sign-in tests. */
export async function startDemoDashboard(name: string, env: Record<string, string> = {}): Promise<DemoDashboard> {
  const screenshots = process.env.E2E_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), `tallyboard-${name}-screens-`));
  mkdirSync(screenshots, { recursive: true });
  // PORT must be 1..65535 in the config schema, so the ephemeral port goes to startServer directly.
  const config = loadConfig({ TALLYBOARD_SOURCE: "demo", DATA_DIR: mkdtempSync(join(tmpdir(), `tallyboard-${name}-`)), LOG_LEVEL: "silent", ...env }, process.cwd());
  const runtime = await openRuntime(config);
  const sync = await runSyncCycle(runtime);
  if (sync?.costs.status !== "succeeded") throw new Error(`demo sync failed: ${sync?.costs.error}`);
  const server = await startServer(runtime, { port: 0, host: "127.0.0.1" });
  const browser = await launchChromium();
  // Recharts skips its entry animation for reduced motion, so screenshots and DOM reads see finished charts.
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, reducedMotion: "reduce" });
  return {
    runtime,
    server,
    browser,
    page,
    screenshots,
    close: async () => {
      await browser.close();
      await server.close();
      await runtime.close();
      console.log(`${name} screenshots: ${screenshots}`);
    },
  };
}
