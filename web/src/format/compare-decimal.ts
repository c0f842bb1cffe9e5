// Orders decimal strings exactly (for sortable money columns) without turning them into floats.
const plain = /^(-)?(\d+)(?:\.(\d+))?$/;

export function compareDecimal(a: string, b: string): number {
  const ma = plain.exec(a);
  const mb = plain.exec(b);
  // Exponent forms ("1e-9") are tiny amounts decimal.js may print; ordering them by Number is exact enough.
  if (!ma || !mb) return Math.sign(Number(a) - Number(b));
  const signA = isZero(ma) ? 0 : ma[1] ? -1 : 1;
  const signB = isZero(mb) ? 0 : mb[1] ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  return signA * compareMagnitude(ma, mb);
}

function isZero(m: RegExpExecArray): boolean {
  return /^0*$/.test(m[2]!) && /^0*$/.test(m[3] ?? "");
}

function compareMagnitude(a: RegExpExecArray, b: RegExpExecArray): number {
  const intA = a[2]!.replace(/^0+(?=\d)/, "");
  const intB = b[2]!.replace(/^0+(?=\d)/, "");
  if (intA.length !== intB.length) return intA.length < intB.length ? -1 : 1;
  const width = Math.max(a[3]?.length ?? 0, b[3]?.length ?? 0);
  const digitsA = intA + (a[3] ?? "").padEnd(width, "0");
  const digitsB = intB + (b[3] ?? "").padEnd(width, "0");
  return digitsA === digitsB ? 0 : digitsA < digitsB ? -1 : 1;
}
