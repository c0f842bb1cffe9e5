// Serves the built dashboard (web/dist) with a fallback to index.html for client-side routes.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { relative } from "node:path";
import type { Hono } from "hono";
import { serveStatic } from "@hono/node-server/serve-static";

export const WEB_DIST = fileURLToPath(new URL("../web/dist", import.meta.url));

export function serveWeb(app: Hono): void {
  if (!existsSync(WEB_DIST)) throw new Error(`the dashboard is not built (${WEB_DIST} is missing): run npm run build`);
  const root = relative(process.cwd(), WEB_DIST) || ".";
  app.use("/assets/*", serveStatic({ root }));
  app.get("*", serveStatic({ root }));
  app.get("*", serveStatic({ root, path: "index.html" }));
}
