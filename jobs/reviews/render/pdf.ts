// The review's HTML printed to PDF by headless Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH),
// driven by playwright-core. Chromium never downloads itself here: a missing one is a clear error.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(`PDF needs Chromium, and there is none at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
}

export async function renderPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) throw new ChromiumMissingError(chromiumPath);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    // The HTML is self-contained (inline SVG and CSS): nothing to fetch, so nothing may be fetched.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    return await page.pdf({ format: "A4", printBackground: true, margin: { top: "16mm", bottom: "16mm", left: "12mm", right: "12mm" } });
  } finally {
    await browser.close();
  }
}
