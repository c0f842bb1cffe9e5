// JSON with every number kept as the text it was written as, so a cost is converted to a decimal
// exactly once, from what OpenCost wrote, never through a float. Numbers come back as ExactNumber.
export class ExactNumber {
  constructor(readonly text: string) {}
}

const MARK = "\u0000"; // cannot appear raw in JSON text: a marked string is one of ours
const TOKENS = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** JSON.parse, with numbers as ExactNumber (throws JSON.parse's SyntaxError on bad JSON). */
export function parseExactJson(text: string): unknown {
  JSON.parse(text); // the syntax error, with its position in the text as written
  if (text.includes("\\u0000")) throw new SyntaxError("a string holds \\u0000");
  const marked = text.replace(TOKENS, (token) => (token.startsWith('"') ? token : `"\\u0000${token}"`));
  return JSON.parse(marked, (_key, value: unknown) => (typeof value === "string" && value.startsWith(MARK) ? new ExactNumber(value.slice(1)) : value));
}
