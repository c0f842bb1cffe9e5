// One export file -> line items with their line numbers, in the format asked for or detected.
// The first bad field stops the file with file, line and column (a file is imported whole or not at all).
import { detectFormat, requiredColumns, type FormatOption } from "./detect-format";
import { ImportError } from "./import-error";
import { FieldError, type ImportFormat, type ImportedLineItem, type RawRow } from "./line-item";
import { curMapper } from "./map-cur";
import { mapFocusRow } from "./map-focus";
import { readRows, type FileContent } from "./read-rows";
import { legacyTagColumns } from "./tag-columns";

export interface MappedFile {
  format: ImportFormat;
  columns: string[];
  items: AsyncIterable<ImportedLineItem>;
}

const mapperFor = (fileName: string, format: ImportFormat, header: readonly string[]): ((row: RawRow) => ImportedLineItem) =>
  format === "focus" ? mapFocusRow : curMapper(fileName, format, header);

/** The format asked for, or detected from the header; a file missing what the format needs, or
 *  with two tag columns that give one key, is refused. */
export function resolveFormat(fileName: string, columns: readonly string[], option: FormatOption): ImportFormat {
  const detected = detectFormat(columns);
  const format = option === "auto" ? detected : option;
  if (!format) throw new ImportError(fileName, 1, null, "not a CUR, CUR 2.0 or FOCUS export (no lineItem/UnblendedCost, line_item_unblended_cost or BilledCost column)");
  const missing = requiredColumns(format, columns).find((column) => !columns.includes(column));
  if (missing) throw new ImportError(fileName, 1, missing, `missing (the file is not ${format === "cur2" ? "CUR 2.0" : format.toUpperCase()}${detected && detected !== format ? `; it looks like ${detected}` : ""})`);
  if (format === "cur") legacyTagColumns(fileName, columns);
  return format;
}

export async function mapFile(fileName: string, content: FileContent, option: FormatOption): Promise<MappedFile> {
  const reader = await readRows(fileName, content);
  const format = resolveFormat(fileName, reader.columns, option);
  const map = mapperFor(fileName, format, reader.columns);
  async function* items(): AsyncIterable<ImportedLineItem> {
    for await (const { line, row } of reader.rows) {
      try {
        yield map(row);
      } catch (error) {
        if (error instanceof FieldError) throw new ImportError(fileName, line, error.column, error.problem);
        throw error;
      }
    }
  }
  return { format, columns: reader.columns, items: items() };
}
