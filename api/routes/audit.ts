// /api/audit: one trail of changes to ownership rules, budgets, tokens, users and settings, newest
// first, as JSON or as a CSV download (cells that would run as a spreadsheet formula are quoted).
import { Hono } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { AUDIT_AREAS, listAuditTrail } from "../../db/queries/audit-trail";
import { validate } from "../validate";
import { csvResponse } from "../csv-response";

const query = z.object({ area: z.enum(AUDIT_AREAS).optional(), actor: z.string().min(1).max(320).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(200) });
const COLUMNS = ["at", "area", "actor", "action", "subject", "before", "after"];

export const auditRoutes = (db: Db) =>
  new Hono()
    .get("/", validate("query", query), async (c) => c.json({ entries: await listAuditTrail(db, c.req.valid("query")) }))
    .get("/export", validate("query", query), async (c) => csvResponse(c, "audit.csv", { columns: COLUMNS, rows: await listAuditTrail(db, c.req.valid("query")) }));
