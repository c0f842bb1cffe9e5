// Resource patterns are globs over resource ids/ARNs: `*` any run of characters, `?` one character.
// Only globs, not regular expressions, so PostgreSQL and JavaScript read them the same way.

const allowed = /^[\x21-\x7e]+$/; // printable ASCII, no spaces

export function isValidResourcePattern(pattern: string): boolean {
  return allowed.test(pattern) && pattern.replace(/[*?]/g, "").length >= 3;
}

/** The glob as an anchored regular expression, every other character literal. */
export function resourcePatternRegex(pattern: string): string {
  const body = [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\\/-]/g, "\\$&"))).join("");
  return `^${body}$`;
}
