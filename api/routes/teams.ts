import { Hono } from "hono";
import { z } from "zod";
import { daySchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { listTeams } from "../../db/queries/teams";
import { getTeamDetail } from "../../db/queries/team-detail";
import { measureSchema } from "../../db/queries/measure";
import { ApiError } from "../errors";
import { validate } from "../validate";
import { answers } from "../answers";
import { teamDetailAnswer, teamListAnswer } from "../responses/costs";

const day = daySchema;
const MAX_DAYS = 800;
const detailQuery = z
  .object({ measure: measureSchema, from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_DAYS, { message: `at most ${MAX_DAYS} days`, path: ["to"] });

export const teamRoutes = (db: Db) =>
  new Hono()
    .get("/", validate("query", z.object({ measure: measureSchema })), answers(teamListAnswer, { summary: "Teams with month-to-date, last month and the change" }), async (c) => c.var.answer(await listTeams(db, c.req.valid("query"))))
    .get("/:teamId", validate("param", z.object({ teamId: z.string().min(1).max(100) })), validate("query", detailQuery), answers(teamDetailAnswer, { summary: "A team's cost for a period by day, service and account" }), async (c) => {
      const detail = await getTeamDetail(db, c.req.valid("param").teamId, c.req.valid("query"));
      if (!detail) throw new ApiError("NOT_FOUND", `No team "${c.req.valid("param").teamId}"`);
      return c.var.answer(detail);
    });
