// Line items behind a Why answer, with the tag that decided (or that looks like an owner tag) highlighted.
import type { WhyDecision, WhyLine } from "../../api/use-why";
import { formatUsd } from "../../format/money";
import { DataTable, num } from "../../components/data-table";

/** Spellings people use for an owner tag; the configured keys are a subset (ownership.yaml). */
const OWNER_LIKE_KEY = /^(team|owner|squad|service-owner|cost-center)$/i;

export function SampleLines({ lines, decisions }: { lines: WhyLine[]; decisions: WhyDecision[] }) {
  if (lines.length === 0) return <p className="muted">No line items: these dollars come only from shared-cost splits.</p>;
  const decidingValues = new Set(decisions.filter((d) => d.ruleKind === "tag" && d.match).map((d) => d.match!.toLowerCase()));
  return (
    <DataTable columns={["Account", "Service", "Record type", "Tags", "Resource", num("Amortized")]} className="table-compact" testId="why-lines" scroll>
      {lines.map((line, index) => (
        <tr key={index}>
          <td className="mono small">{line.accountId}</td>
          <td>{line.service}</td>
          <td className="nowrap">{line.recordType}</td>
          <td>
            <span className="tag-list">
              {Object.entries(line.tags).length === 0 ? <span className="muted">none</span> : null}
              {Object.entries(line.tags).map(([key, value]) => {
                const deciding = decidingValues.has(String(value).trim().toLowerCase()) && OWNER_LIKE_KEY.test(key);
                const ownerLike = OWNER_LIKE_KEY.test(key);
                return (
                  <span key={key} className={`tag-chip ${deciding ? "tag-deciding" : ownerLike ? "tag-owner" : ""}`} title={deciding ? "This tag's value is what the rule matched" : undefined}>
                    {key}={value}
                  </span>
                );
              })}
            </span>
          </td>
          <td className="mono small arn" title={line.resourceId ?? undefined}>{line.resourceId ?? <span className="muted">—</span>}</td>
          <td className="num">{formatUsd(line.amortized)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
