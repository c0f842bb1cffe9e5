// One billing period, one format: CUR with FOCUS, legacy CUR with CUR 2.0, or CSV with Parquet in one
// period would sum the same charges twice.
import { expect, it } from "vitest";
import { mixedFormatClash } from "../../jobs/imports/one-format-per-period";

const source = (file: string, format: string, ...periods: string[]) => ({ file, format, periods });

it.each([
  { title: "one format per period", sources: [source("a.csv", "cur", "2024-09-01"), source("b.csv", "cur", "2024-09-01"), source("c.csv", "focus", "2024-10-01")], clash: null },
  { title: "CUR and FOCUS in September", sources: [source("a.csv", "cur", "2024-09-01"), source("f.csv", "focus", "2024-08-01", "2024-09-01")], clash: { file: "f.csv", problem: "billing period 2024-09 is focus CSV here but cur CSV in a.csv" } },
  { title: "legacy CUR and CUR 2.0", sources: [source("a.csv.gz", "cur", "2024-09-01"), source("b.parquet", "cur2", "2024-09-01")], clash: { file: "b.parquet", problem: "billing period 2024-09 is cur2 Parquet here but cur CSV in a.csv.gz" } },
  { title: "a CSV and a Parquet copy", sources: [source("a.csv.gz", "cur2", "2024-09-01"), source("a.snappy.parquet", "cur2", "2024-09-01")], clash: { file: "a.snappy.parquet" } },
])("$title", ({ sources, clash }) => {
  const found = mixedFormatClash(sources);
  if (clash === null) expect(found).toBeNull();
  else expect(found).toMatchObject({ file: clash.file, ...(clash.problem ? { problem: expect.stringContaining(clash.problem) } : {}) });
});
