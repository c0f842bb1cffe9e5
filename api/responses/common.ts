// Building blocks of the answers: how money, days, months and times look on the wire.
import { z } from "zod";
import { onTheWire } from "../openapi/json-schema";

/** Money and other exact figures: a decimal string ("1234.56"), never a JSON number. */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).meta({ description: "a decimal number as a string, like 1234.56" });
export const day = z.string().regex(/^\d{4}-\d\d-\d\d$/).meta({ description: "a day, YYYY-MM-DD" });
export const month = z.string().regex(/^\d{4}-\d\d$/).meta({ description: "a month, YYYY-MM" });
/** A moment: the route may hold a Date, which the JSON answer carries as an ISO 8601 string. */
export const timestamp = onTheWire(z.union([z.date(), z.iso.datetime()]), { type: "string", format: "date-time" });
export const count = z.number().int();
/** A free-form JSON object (a job run's details, a nudge's evidence). */
export const jsonObject = z.record(z.string(), z.unknown());
/** An audit entry's state before or after a change: JSON, null when there was none (a create, a delete). */
export const snapshot = z.unknown().meta({ description: "the state before or after the change, as JSON; null when there was none" });
export const measure = z.enum(["unblended", "amortized", "net_amortized"]);
/** A share or change as a decimal ratio ("0.125"), absent (null) when its base is zero. */
export const ratio = decimal.nullable();
