// Shared clusters (docs/clusters.md): cost by team and namespace per day or month with the idle share,
// for every cluster or one.
import { Hono } from "hono";
import { z } from "zod";
import { daySchema } from "../../db/period-schema";
import type { Db } from "../../db/client";
import { getCluster, getClusters } from "../../db/queries/clusters";
import { measureSchema } from "../../db/queries/measure";
import { ApiError } from "../errors";
import { answers } from "../answers";
import { clusterDetailResponseSchema, clustersResponseSchema } from "../responses/clusters";
import { validate } from "../validate";

const MAX_DAYS = 800;
const query = z
  .object({ measure: measureSchema, grain: z.enum(["day", "month"]).default("month"), from: daySchema.optional(), to: daySchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_DAYS, { message: `at most ${MAX_DAYS} days`, path: ["to"] });

export const clusterRoutes = (db: Db) =>
  new Hono()
    .get("/", validate("query", query), answers(clustersResponseSchema, { summary: "Shared clusters: cost by team and namespace per period, with the idle share" }), async (c) =>
      c.var.answer(await getClusters(db, c.req.valid("query"))),
    )
    .get(
      "/:cluster",
      validate("param", z.object({ cluster: z.string().min(1).max(200) })),
      validate("query", query),
      answers(clusterDetailResponseSchema, { summary: "One cluster: cost by team and namespace, idle share, reserved against used vCPU and memory, the workloads reserving most beyond use" }),
      async (c) => {
        const detail = await getCluster(db, c.req.valid("param").cluster, c.req.valid("query"));
        if (!detail) throw new ApiError("NOT_FOUND", `No cost for cluster "${c.req.valid("param").cluster}" in the range`);
        return c.var.answer(detail);
      },
    );
