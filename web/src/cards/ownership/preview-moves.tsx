// What a pending change would do: dollars per team over the days it re-attributes.
import type { ChangePreview } from "../../api/use-rule-changes";
import { formatUsd, formatUsdChange, signOf } from "../../format/money";
import { addDays, formatDay } from "../../format/dates";
import { UNATTRIBUTED_TEAM_ID } from "../teams/unattributed";
import { MEASURES } from "../../routing/measure";
import { DataTable, num } from "../../components/data-table";

export function PreviewMoves({ preview, teamName }: { preview: ChangePreview; teamName: (id: string) => string }) {
  if (!preview.window) {
    return <div className="preview preview-empty" data-testid="preview-moves">No synced day is affected yet: nothing moves now. The rule applies as days from its date are synced.</div>;
  }
  const lastDay = addDays(preview.window.end, -1);
  return (
    <div className="preview" data-testid="preview-moves" data-window-start={preview.window.start} data-window-end={lastDay}>
      <div className="preview-title">
        Dollars that would move, {formatDay(preview.window.start)} – {formatDay(lastDay)}
        <span className="muted small"> · {MEASURES.find((m) => m.value === preview.measure)?.label.toLowerCase() ?? preview.measure} cost</span>
      </div>
      {preview.moves.length === 0 ? (
        <p className="muted">No dollars move: the days it covers already land on the same teams.</p>
      ) : (
        <DataTable columns={["Team", num("Now"), num("After"), num("Change")]} className="table-compact" testId="preview-moves-table">
          {preview.moves.map((move) => (
            <tr key={move.teamId} data-team-id={move.teamId} data-delta={move.delta}>
              <td className={move.teamId === UNATTRIBUTED_TEAM_ID ? "muted" : undefined}>{teamName(move.teamId)}</td>
              <td className="num secondary">{formatUsd(move.before)}</td>
              <td className="num secondary">{formatUsd(move.after)}</td>
              <td className={`num strong ${signOf(move.delta) > 0 ? "delta-in" : "delta-out"}`} data-field="delta">{formatUsdChange(move.delta)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
