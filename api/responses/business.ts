// Answers of /api/business: pushed and uploaded business inputs.
import { z } from "zod";
import { BUSINESS_KINDS } from "../../jobs/business/business-kinds";
import { count } from "./common";

/** `file` is the upload's name, or "rows" for pushed JSON rows; `rows` were written (upserted). */
export const businessUploadAnswer = z.object({ kind: z.enum(BUSINESS_KINDS), file: z.string(), rows: count });
