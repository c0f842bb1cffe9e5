// PDF exports share one real Chromium: six at once all succeed on one browser process, and past
// the small queue (2 printing + 4 waiting) a request answers 503 at once with a clear message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createApp } from "../../api/app";
import { closePdfBrowser, pdfBrowserLaunches, PRINT_LIMITS } from "../../jobs/reviews/render/pdf";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const exportPdf = async () => {
  const response = await app.request("/api/reviews/export?period=2026-05&format=pdf");
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes };
};
/** Browser processes started by this test process (playwright spawns Chromium as a direct child). */
const browserChildren = () =>
  execFileSync("ps", ["--ppid", String(process.pid), "-o", "comm="], { encoding: "utf8" }).split("\n").filter((name) => /chrom/i.test(name)).length;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createApp(database, "demo", undefined, undefined, { chromiumPath });
});
afterAll(async () => {
  await closePdfBrowser();
  await database?.drop();
});

describe("PDF exports", () => {
  it("six concurrent exports all succeed on one shared browser process", async () => {
    const before = pdfBrowserLaunches();
    const answers = await Promise.all(Array.from({ length: PRINT_LIMITS.printing + PRINT_LIMITS.waiting }, exportPdf));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    }
    expect(pdfBrowserLaunches() - before).toBe(1);
    expect(browserChildren()).toBe(1);
  }, 120_000);

  it("past the queue a request answers 503 saying the printer is busy; the others still print", async () => {
    const answers = await Promise.all(
      Array.from({ length: 14 }, async () => {
        const response = await app.request("/api/reviews/export?period=2026-05&format=pdf");
        return { status: response.status, text: response.status === 200 ? "" : ((await response.json()) as any).error.message };
      }),
    );
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) expect(a.text).toContain("the PDF printer is busy (2 printing, 4 waiting)");
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(PRINT_LIMITS.printing + PRINT_LIMITS.waiting);
    expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    expect(browserChildren()).toBe(1);
  }, 120_000);
});
