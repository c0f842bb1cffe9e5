// The Why answer over the Team page, for the day (and service) picked on it; services of that day as chips.
import { useTeamDetail } from "../../api/use-team-detail";
import { Drawer } from "../../components/drawer";
import { Link } from "../../routing/link";
import { paths } from "../../routing/routes";
import type { TeamDetailParams } from "../team/team-params";
import { WhyExplanation } from "./why-explanation";
import { WhyTitle } from "./why-title";

const OTHER_SERIES = "Other";

export function WhyDrawer({ params, day, service, onSelect, onClose }: { params: TeamDetailParams; day: string; service?: string; onSelect: (service: string | undefined) => void; onClose: () => void }) {
  const detail = useTeamDetail(params);
  const teamName = detail.data?.team.name ?? params.teamId;
  const values = detail.data?.byService.days.find((d) => d.day === day)?.values ?? {};
  const services = Object.entries(values)
    .filter(([key, amount]) => key !== OTHER_SERIES && !/^-?0*(\.0*)?$/.test(amount))
    .map(([key]) => key);
  const cell = { teamId: params.teamId, day, service };
  const pageParams: Record<string, string> = { teamId: params.teamId, day, ...(service ? { service } : {}) };
  return (
    <Drawer label={`Why is this on ${teamName}?`} onClose={onClose} testId="why-drawer">
      <WhyTitle cell={cell} teamName={teamName} />
      {services.length > 1 ? (
        <div className="chips" role="group" aria-label="Service">
          <button type="button" className={`chip ${service ? "" : "active"}`} onClick={() => onSelect(undefined)}>All services</button>
          {services.map((name) => (
            <button type="button" key={name} className={`chip ${service === name ? "active" : ""}`} onClick={() => onSelect(name)}>{name}</button>
          ))}
        </div>
      ) : null}
      <WhyExplanation cell={cell} />
      <p className="drawer-foot small">
        <Link to={paths.why} params={pageParams}>Open as a page (a link to share)</Link>
      </p>
    </Drawer>
  );
}
