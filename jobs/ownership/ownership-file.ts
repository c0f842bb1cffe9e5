// Reads the ownership file a company keeps in git. Validation is whole-file: any problem rejects
// it with the file, line and field, and nothing of it is applied.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseDocument, LineCounter, isNode } from "yaml";
import { ownershipSchema, type Ownership } from "./ownership-schema";
import { findOwnershipProblem } from "./ownership-checks";

export type { Ownership } from "./ownership-schema";

export class OwnershipFileError extends Error {}

export type FieldPath = (string | number)[];

export function readOwnershipFile(path: string): Ownership {
  return parseOwnership(readFileSync(path, "utf8"), basename(path));
}

export function parseOwnership(text: string, fileName: string): Ownership {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    throw new OwnershipFileError(`${fileName} line ${error.linePos?.[0].line ?? "?"}: ${error.message.split("\n")[0]}`);
  }
  const fail = (path: FieldPath, message: string): never => {
    throw new OwnershipFileError(`${fileName} line ${lineOf(path)}, field ${path.join(".")}: ${message}`);
  };
  const lineOf = (path: FieldPath) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };

  const parsed = ownershipSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(issue.path as FieldPath, issue.message);
  }
  const problem = findOwnershipProblem(parsed.data);
  if (problem) fail(problem.path, problem.message);
  return parsed.data;
}
