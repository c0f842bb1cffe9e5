// Joins a team (alias t) to its group (g) and org (o) as the tree stands now.
import { sql } from "drizzle-orm";

export const currentTreeJoins = sql`
  left join team_parents tp on tp.child_id = t.id and tp.valid_to is null
  left join teams g on g.id = tp.parent_id
  left join team_parents gp on gp.child_id = g.id and gp.valid_to is null
  left join teams o on o.id = gp.parent_id`;
