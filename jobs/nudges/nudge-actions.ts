// What a person can do to a nudge, as a pure transition: acknowledge, snooze (a period or a date),
// dismiss with a reason. A resolved nudge is history and takes no action.
import { z } from "zod";
import { daySchema } from "../../db/period-schema";
import { DISMISS_REASONS, type NudgeStatus } from "../../db/schema/nudges";
import type { NudgeChange } from "../../db/queries/nudge-inbox";
import { SNOOZE_PERIODS, snoozeUntil } from "./lifecycle";

export const nudgeActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("acknowledge"), note: z.string().max(2000).optional() }),
  z.object({ action: z.literal("snooze"), period: z.enum(SNOOZE_PERIODS).optional(), until: daySchema.optional(), note: z.string().max(2000).optional() })
    .refine((a) => (a.period === undefined) !== (a.until === undefined), { message: "give either period or until", path: ["period"] }),
  z.object({ action: z.literal("dismiss"), reason: z.enum(DISMISS_REASONS), note: z.string().max(2000).optional() }),
]);
export type NudgeAction = z.infer<typeof nudgeActionSchema>;

export class NudgeActionError extends Error {
  constructor(readonly code: "CONFLICT" | "BAD_REQUEST", message: string) {
    super(message);
  }
}

export function transition(current: NudgeStatus, action: NudgeAction, today: string): NudgeChange {
  if (current === "resolved") throw new NudgeActionError("CONFLICT", "this nudge is resolved: its finding went away");
  const note = action.note?.trim() || null;
  switch (action.action) {
    case "acknowledge":
      return { status: "acknowledged", snoozedUntil: null, dismissReason: null, note };
    case "snooze": {
      const until = action.until ?? snoozeUntil(today, action.period!);
      if (until <= today) throw new NudgeActionError("BAD_REQUEST", `snooze until ${until} is not after today (${today})`);
      return { status: "snoozed", snoozedUntil: until, dismissReason: null, note };
    }
    case "dismiss":
      return { status: "dismissed", snoozedUntil: null, dismissReason: action.reason, note };
  }
}
