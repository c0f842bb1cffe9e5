// Errors as they may be stored or printed: the root cause, short, without payloads.
/**
 * The root cause's code and message only: whole AWS responses, SQL with its parameters (Drizzle
 * wraps driver errors in "Failed query: ...") and stack traces stay out of the database.
 */
export function describeError(error: unknown): string {
  let root = error;
  while (root instanceof Error && root.cause instanceof Error) root = root.cause;
  if (!(root instanceof Error)) return String(root).slice(0, 500);
  const code = root.name && root.name !== "Error" ? `${root.name}: ` : "";
  return `${code}${root.message}`.slice(0, 500);
}
