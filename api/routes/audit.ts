// /api/audit: one trail of changes to ownership rules, budgets, tokens, users and settings, newest
// first, as JSON or as a CSV download (cells that would run as a spreadsheet formula are quoted).
// Token and user changes ("access") are an admin's, like /api/tokens and /api/users themselves.
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Db } from "../../db/client";
import { AUDIT_AREAS, listAuditTrail, type AuditArea } from "../../db/queries/audit-trail";
import { validate } from "../validate";
import { csvResponse } from "../csv-response";
import { answers, sends } from "../answers";
import { auditTrailAnswer } from "../responses/access";
import { ApiError } from "../errors";
import { identityOf } from "../auth/identity";

const query = z.object({ area: z.enum(AUDIT_AREAS).optional(), actor: z.string().min(1).max(320).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(200) });
const COLUMNS = ["at", "area", "actor", "action", "subject", "before", "after"];
const NOT_ADMIN_AREAS: readonly AuditArea[] = AUDIT_AREAS.filter((area) => area !== "access");

function visibleTrail(db: Db, c: Context, options: z.infer<typeof query>) {
  if (identityOf(c)?.role === "admin") return listAuditTrail(db, options);
  if (options.area === "access") throw new ApiError("FORBIDDEN", "the access area (tokens and users) of the audit trail needs the admin role");
  return listAuditTrail(db, { ...options, areas: NOT_ADMIN_AREAS });
}

export const auditRoutes = (db: Db) =>
  new Hono()
    .get("/", validate("query", query), answers(auditTrailAnswer, { summary: "The audit trail, newest first (the access area for admins only)" }), async (c) => c.var.answer({ entries: await visibleTrail(db, c, c.req.valid("query")) }))
    .get("/export", validate("query", query), sends("text/csv", { summary: "The audit trail as CSV" }), async (c) => csvResponse(c, "audit.csv", { columns: COLUMNS, rows: await visibleTrail(db, c, c.req.valid("query")) }));
