// The table every card's rows sit in: the header from a list of columns, the rows as children,
// optionally in a horizontally scrolling frame for wide tables.
import type { ReactNode } from "react";

/** A header cell: its label, or the label with a class (`num` right-aligns figures) and a hover title. */
export type Column = string | { label: string; className?: string; title?: string };

export function DataTable({ columns, children, className, testId, scroll = false }: { columns: Column[]; children: ReactNode; className?: string; testId?: string; scroll?: boolean }) {
  const table = (
    <table className={className ? `table ${className}` : "table"} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column, i) =>
            typeof column === "string" ? (
              <th key={i}>{column}</th>
            ) : (
              <th key={i} className={column.className} title={column.title}>
                {column.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}

/** A column of figures (right-aligned). */
export const num = (label: string): Column => ({ label, className: "num" });
