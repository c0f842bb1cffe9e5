// The data-quality report of an import, as stored on its run (job_runs.details.quality) and shown by
// the CLI, the API and the Data sync page. Its shape, and the warnings worked out from it: pure.
export interface ImportQuality {
  rows: number;
  /** Totals per billing period (YYYY-MM-01), to hold against the bill. */
  periods: { period: string; rows: number; unblended: string; amortized: string }[];
  /** Totals per invoice id (null: lines not invoiced yet); null when this database stores no invoice ids. */
  invoices: { invoiceId: string | null; rows: number; unblended: string; amortized: string }[] | null;
  /** Tag keys found on the imported lines; ownerKey: named by the ownership file; ownerLike: an owner key or a common owner spelling. */
  tagKeys: { key: string; ownerKey: boolean; ownerLike: boolean }[];
  /** The ownership file's owner-tag keys. */
  ownerTagKeys: string[];
  /** Spend (unblended) on lines with no non-empty owner-like tag, and its share of the total (null when the total is 0). */
  withoutOwnerTag: { unblended: string; share: string | null };
  files: { name: string; format: string; tagColumns: string[]; ignoredColumns: string[] }[];
  warnings: QualityWarning[];
}

export interface QualityWarning {
  code: "no-tag-columns" | "no-owner-tag-key" | "split-mismatch";
  file: string | null;
  /** The EC2 instance a split-mismatch names (its pods' split + unused cost is not its amortized cost). */
  instance?: string;
  message: string;
}

/** A file without any tag column, and an import in which none of the ownership file's owner keys appears. */
export function qualityWarnings(files: ImportQuality["files"], tagKeys: ImportQuality["tagKeys"], ownerTagKeys: string[]): QualityWarning[] {
  const warnings: QualityWarning[] = files
    .filter((file) => file.tagColumns.length === 0)
    .map((file) => ({
      code: "no-tag-columns" as const,
      file: file.name,
      message: `${file.name} has no tag columns at all: none of its spend can be put on a team by an owner tag (activate cost allocation tags and include resource tags in the export)`,
    }));
  if (ownerTagKeys.length > 0 && !tagKeys.some((tag) => tag.ownerKey)) {
    warnings.push({
      code: "no-owner-tag-key",
      file: null,
      message: `no owner-tag key of the ownership file (${ownerTagKeys.join(", ")}) appears in any file: check the spelling in ownerTagKeys against the tag keys found${tagKeys.length > 0 ? ` (${tagKeys.slice(0, 10).map((tag) => tag.key).join(", ")})` : ""}`,
    });
  }
  return warnings;
}
