// The SQL the resource-level pass may use: what Trino (Athena engine v3) and DuckDB both accept with
// the same meaning. Anything else found in the pass's text is a portability bug; the unit test
// test/unit/engine-sql-allow-list.test.ts builds the pass for every layout and checks it here.
// Each entry says why it is safe on both engines (docs/engines.md has the table).

export const ALLOWED_FUNCTIONS: Record<string, string> = {
  cast: "CAST(x AS type) with the types below; varchar -> decimal reads plain and exponent text in both",
  coalesce: "first non-null argument",
  nullif: "null when equal",
  trim: "removes leading and trailing spaces",
  substr: "substr(text, start, length), 1-based in both",
  sum: "over DECIMAL(38, s): exact, DECIMAL(38, s) in both",
  count: "count(*): BIGINT",
  max: "the largest value (of text or dates: the same collation-free order for ASCII ids and dates)",
  abs: "of a decimal: a decimal",
  mod: "mod(decimal, integer): the remainder, sign of the dividend",
  contains: "contains(array, value): membership (Trino's contains, DuckDB's alias of list_contains)",
  map_keys: "the keys of a MAP as an array",
  strpos: "strpos(text, part): 1-based position, 0 when absent",
  length: "length(text): characters",
};

export const ALLOWED_TYPES: Record<string, string> = {
  varchar: "text; a DOUBLE cast to it gives its shortest round-trip digits (DuckDB 1e-07, Trino 1.0E-7: the same number)",
  "decimal(38, 18)": "an amount read exactly (Parquet DOUBLE text has at most 17 significant digits)",
  "decimal(38, 10)": "money, as the PostgreSQL path keeps it (10 decimals, half to even)",
  "decimal(38, 0)": "an integer of a money value's digits, for the half-to-even test",
  "decimal(18, 10)": "plain text of at most 8 integer digits and 10 decimals, read exactly (the fast way)",
  date: "a calendar day from YYYY-MM-DD text",
};

/** Operators besides the keywords (and, or, not, is null, case ... end, in, left join ... on): the same in both. */
export const ALLOWED_OPERATORS = ["||", "<>", "=", "<", ">", "+", "-", "*", "[", "]", "(", ")", ","];

const KEYWORDS = new Set(["select", "from", "where", "group", "by", "as", "and", "or", "not", "is", "null", "case", "when", "then", "else", "end", "in", "distinct", "left", "join", "on"]);

/** Everything in a pass's SQL text that is not on the lists above (an empty list: portable). */
export function outsideAllowList(text: string): string[] {
  const found = new Set<string>();
  // String literals and quoted identifiers are data, not SQL: blank them out first.
  const code = text.replace(/'(?:[^']|'')*'/g, "''").replace(/"(?:[^"]|"")*"/g, "q");
  for (const match of code.matchAll(/\bcast\s*\(/gi)) {
    // the type of each cast: from its last top-level " as " to its closing parenthesis
    let depth = 0;
    let end = match.index + match[0].length;
    for (; end < code.length; end++) {
      if (code[end] === "(") depth++;
      else if (code[end] === ")") {
        if (depth === 0) break;
        depth--;
      }
    }
    const inner = code.slice(match.index + match[0].length, end);
    const type = inner.slice(inner.toLowerCase().lastIndexOf(" as ") + 4).trim().toLowerCase().replace(/\s+/g, " ").replace(/,(?! )/g, ", ");
    if (!(type in ALLOWED_TYPES)) found.add(`type ${type}`);
  }
  for (const match of code.matchAll(/\b([a-z_][a-z0-9_]*)\s*\(/gi)) {
    const name = match[1]!.toLowerCase();
    if (/\bas\s+$/i.test(code.slice(0, match.index))) continue; // a cast's type (checked above), not a call
    if (!KEYWORDS.has(name) && !(name in ALLOWED_FUNCTIONS)) found.add(`function ${name}`);
  }
  const symbols = code.replace(/[a-z0-9_.\s']/gi, " ").split(/\s+/).filter(Boolean);
  for (const run of symbols) {
    for (const token of run.match(/\|\||<>|./g) ?? []) if (!ALLOWED_OPERATORS.includes(token)) found.add(`operator ${token}`);
  }
  return [...found].sort();
}
