// The Node.js lines Tallyboard is tested on (CI runs the tests on both; package.json's engines
// says the same). Node 20 reached end of life in April 2026, and the AWS SDK's releases after
// early January 2027 need Node 22 or newer.
export const SUPPORTED_NODE_MAJORS = [22, 24] as const;

/** A warning for a Node.js version Tallyboard is not tested on, or null. */
export function unsupportedNodeWarning(version: string): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if ((SUPPORTED_NODE_MAJORS as readonly number[]).includes(major)) return null;
  return `Node.js ${version} is not supported: Tallyboard is tested on Node.js ${SUPPORTED_NODE_MAJORS.join(" and ")}. It may work, but upgrade before relying on it.`;
}
