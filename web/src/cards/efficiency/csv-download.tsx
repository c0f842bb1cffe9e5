// A link that downloads one table as CSV from the API (the same numbers the card shows).
import { exportHref } from "../../api/use-efficiency";

export function CsvDownload({ table, params = {}, label = "CSV" }: { table: string; params?: Record<string, string | undefined>; label?: string }) {
  return (
    <a className="button button-small csv-download" href={exportHref(table, params)} download={`${table}.csv`} data-testid={`csv-${table}`}>
      ↓ {label}
    </a>
  );
}
