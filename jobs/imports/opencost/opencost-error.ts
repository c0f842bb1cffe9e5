// Bad OpenCost input, naming the file and where in it: the whole import is refused, nothing written.
export class OpenCostImportError extends Error {
  override name = "OpenCostImportError";
  constructor(
    readonly file: string,
    readonly where: string | null, // e.g. data[0]["payments"].totalCost
    readonly problem: string,
  ) {
    super(`${file}${where === null ? "" : `, ${where}`}: ${problem}`);
  }
}
