// The heading of a Why answer: which team, which day, which slice of it.
import { formatDay } from "../../format/dates";
import type { WhyCell } from "../../api/use-why";

export function WhyTitle({ cell, teamName }: { cell: WhyCell; teamName: string }) {
  return (
    <div className="why-title" data-testid="why-title">
      <div className="breadcrumbs">Why is this on {teamName}?</div>
      <h2 className="why-title-main">
        {formatDay(cell.day)}
        {cell.service ? <span className="why-title-slice"> · {cell.service}</span> : <span className="why-title-slice muted"> · all services</span>}
        {cell.accountId ? <span className="why-title-slice mono"> · {cell.accountId}</span> : null}
      </h2>
    </div>
  );
}
