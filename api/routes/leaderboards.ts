// /api/leaderboard (teams ranked against their own baseline) and /api/wins (efficiency changes a team
// shipped, each with its measured savings).
import { Hono } from "hono";
import { z } from "zod";
import { daySchema, monthSchema } from "../../db/period-schema";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { teams } from "../../db/schema";
import { measureSchema } from "../../db/queries/measure";
import { getLeaderboard } from "../../jobs/leaderboards/get-leaderboard";
import { getMeasuredWin, getMeasuredWins, recordWin } from "../../jobs/leaderboards/wins";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers } from "../answers";
import { leaderboardAnswer, winAnswer, winListAnswer } from "../responses/leaderboards";
import { actorOf } from "../auth/identity";

const month = monthSchema;
const day = daySchema;
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : null));
const winBody = z.object({
  teamId: z.string().min(1).max(100),
  title: z.string().trim().min(3, "say what changed").max(300),
  shippedOn: day,
  expectedMonthlySavingsUsd: z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, "expected a positive amount in USD like 1200.00").refine((v) => Number(v) > 0, "expected savings must be above zero"),
  service: optionalText(200),
  accountId: optionalText(20),
});


export const leaderboardRoutes = (db: Db) =>
  new Hono()
    .get("/leaderboard", validate("query", z.object({ month: month.optional(), measure: measureSchema })), answers(leaderboardAnswer, { summary: "Teams ranked against their own baseline for a month" }), async (c) => c.var.answer(await getLeaderboard(db, c.req.valid("query"))))
    .get("/wins", validate("query", z.object({ teamId: z.string().min(1).max(100).optional(), measure: measureSchema })), answers(winListAnswer, { summary: "Recorded wins with their measured savings" }), async (c) =>
      c.var.answer({ wins: await getMeasuredWins(db, c.req.valid("query")) }),
    )
    .post("/wins", validate("query", z.object({ measure: measureSchema })), validate("json", winBody), answers(winAnswer, { status: 201, summary: "Record a win: an efficiency change a team shipped" }), async (c) => {
      const input = c.req.valid("json");
      const [team] = await db.select({ id: teams.id, kind: teams.kind }).from(teams).where(eq(teams.id, input.teamId));
      if (!team || team.kind !== "team") throw new ApiError("BAD_REQUEST", `json field "teamId": no team "${input.teamId}"`);
      const win = await recordWin(db, { ...input, recordedBy: actorOf(c) }, c.req.valid("query").measure);
      return c.var.answer({ win });
    })
    .get("/wins/:id", validate("param", z.object({ id: z.coerce.number().int().positive() })), validate("query", z.object({ measure: measureSchema })), answers(winAnswer, { summary: "One win with its measured savings" }), async (c) => {
      const win = await getMeasuredWin(db, c.req.valid("param").id, c.req.valid("query").measure);
      if (!win) throw new ApiError("NOT_FOUND", `No win ${c.req.valid("param").id}`);
      return c.var.answer({ win });
    });
