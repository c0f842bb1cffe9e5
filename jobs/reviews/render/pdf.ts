// The review's HTML printed to PDF by headless Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH),
// driven by playwright-core. Chromium never downloads itself here: a missing one is a clear error.
// One browser is shared by every export (a page each, at most PRINTING at once, a few more waiting):
// a Chromium per request took 4.7 GB for six exports. It closes after a minute without work.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { createPrintQueue, type PrintQueueLimits } from "./print-queue";

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(`PDF needs Chromium, and there is none at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
}

export const PRINT_LIMITS: PrintQueueLimits = { printing: 2, waiting: 4 };
const IDLE_CLOSE_MS = 60_000;

let shared: { path: string; browser: Promise<Browser> } | null = null;
let idleTimer: NodeJS.Timeout | undefined;
let launches = 0;
const queue = createPrintQueue(PRINT_LIMITS);

function browserAt(chromiumPath: string): Promise<Browser> {
  if (shared?.path === chromiumPath) return shared.browser;
  const previous = shared;
  launches += 1;
  // playwright-core is loaded with the first browser: the API holds it (about 70 MB) only once a PDF is asked for.
  const browser = import("playwright-core").then(({ chromium }) =>
    chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    }),
  );
  const entry = { path: chromiumPath, browser };
  shared = entry;
  browser.then(
    (b) => b.on("disconnected", () => shared === entry && (shared = null)),
    () => shared === entry && (shared = null),
  );
  void previous?.browser.then((b) => b.close()).catch(() => {});
  return browser;
}

export async function renderPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) throw new ChromiumMissingError(chromiumPath);
  return queue.run(async () => {
    clearTimeout(idleTimer);
    const context = await (await browserAt(chromiumPath)).newContext();
    try {
      const page = await context.newPage();
      // The HTML is self-contained (inline SVG and CSS): nothing to fetch, so nothing may be fetched.
      await page.route("**/*", (route) => route.abort());
      await page.setContent(html, { waitUntil: "load" });
      return await page.pdf({ format: "A4", printBackground: true, margin: { top: "16mm", bottom: "16mm", left: "12mm", right: "12mm" } });
    } finally {
      await context.close().catch(() => {});
      if (queue.idle()) idleTimer = setTimeout(() => void closePdfBrowser(), IDLE_CLOSE_MS).unref();
    }
  });
}

/** Closes the shared browser (the CLI after its export, tests, and the idle timer). */
export async function closePdfBrowser(): Promise<void> {
  clearTimeout(idleTimer);
  const current = shared;
  shared = null;
  await current?.browser.then((b) => b.close()).catch(() => {});
}

/** How many browsers this process has started: one, however many exports ran together. */
export const pdfBrowserLaunches = () => launches;
