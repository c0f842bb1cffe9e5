// The tooltip every chart uses: exact currency values from the API's strings, never the rounded numbers drawn.
import { formatUsd } from "../format/money";

export interface TooltipLine {
  label: string;
  color: string;
  amount: string;
}

export function ChartTooltip({ title, lines, total }: { title: string; lines: TooltipLine[]; total?: string }) {
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{title}</div>
      <table>
        <tbody>
          {lines.map((line) => (
            <tr key={line.label}>
              <td>
                <span className="swatch" style={{ background: line.color }} />
                {line.label}
              </td>
              <td className="num">{formatUsd(line.amount)}</td>
            </tr>
          ))}
          {total !== undefined ? (
            <tr className="chart-tooltip-total">
              <td>Total</td>
              <td className="num">{formatUsd(total)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
