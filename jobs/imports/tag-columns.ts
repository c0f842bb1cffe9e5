// Tag keys of the legacy CUR, where each tag is a column of its own, spelled as Cost Explorer spells
// them (`user:` dropped, `aws:` kept) so ownership rules match whatever layout a company exports:
//   resourceTags/user:CostCenter -> CostCenter, resourceTags/aws:createdBy -> aws:createdBy;
//   Athena/Parquet layout: resource_tags_user_cost_center -> cost_center, resource_tags_aws_created_by -> aws:createdBy.
// The Athena layout lowercases a key, puts an underscore before each capital and turns every other
// character into one too: a user key's spelling is lost (CostCenter, cost-center and cost_center all
// read cost_center); well-known AWS keys are spelled back (aws-tag-keys.ts).
import { awsTagKey } from "./aws-tag-keys";
import { ImportError } from "./import-error";

export interface TagColumn {
  column: string;
  key: string;
}

const LEGACY_PREFIX = "resourceTags/";
const ATHENA_PREFIX = "resource_tags_";

/** The tag key a legacy CUR column holds, or null for a column that is not a tag. */
export function tagKeyOfColumn(column: string): string | null {
  if (column.startsWith(LEGACY_PREFIX)) {
    const written = column.slice(LEGACY_PREFIX.length);
    return written.startsWith("user:") ? written.slice("user:".length) : written;
  }
  if (column.startsWith(ATHENA_PREFIX)) {
    const written = column.slice(ATHENA_PREFIX.length);
    if (written.startsWith("user_")) return written.slice("user_".length);
    if (written.startsWith("aws_")) return awsTagKey(written.slice("aws_".length));
    return written;
  }
  return null;
}

/** The tag columns of a legacy CUR header; two columns that give one key are refused (a row would
 *  hold two values for it, and which one wins would be arbitrary). */
export function legacyTagColumns(fileName: string, header: readonly string[]): TagColumn[] {
  const byKey = new Map<string, string>();
  const columns: TagColumn[] = [];
  for (const column of header) {
    const key = tagKeyOfColumn(column);
    if (key === null) continue;
    const other = byKey.get(key);
    if (other !== undefined) throw new ImportError(fileName, 1, column, `tag columns ${other} and ${column} both give the tag key "${key}"`);
    byKey.set(key, column);
    columns.push({ column, key });
  }
  return columns;
}
