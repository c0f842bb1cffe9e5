// One billing period comes in one format: a CUR and a FOCUS file, a legacy CUR and a CUR 2.0, or a
// CSV and a Parquet copy of one period in one import are the same charges twice, so the import is
// refused instead of summing them. Pure; write-import.ts feeds it the staged files and the batches kept.
import { fileKind } from "./delivery-layout";

export interface PeriodSource {
  file: string;
  format: string;
  periods: string[];
}

/** The first clash found, as the file to name and the problem; null when every period has one format. */
export function mixedFormatClash(sources: PeriodSource[]): { file: string; problem: string } | null {
  const seen = new Map<string, { kind: string; file: string }>();
  for (const source of sources) {
    const kind = `${source.format} ${fileKind(source.file)}`;
    for (const period of source.periods) {
      const first = seen.get(period);
      if (!first) seen.set(period, { kind, file: source.file });
      else if (first.kind !== kind) {
        return { file: source.file, problem: `billing period ${period.slice(0, 7)} is ${kind} here but ${first.kind} in ${first.file}: mixed formats in one period are refused, not summed. Import one of them.` };
      }
    }
  }
  return null;
}
