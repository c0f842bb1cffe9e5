// Commitments: reservation and Savings Plan coverage and utilization, recommendations (AWS's and
// Tallyboard's), the what-if simulator, the expirations calendar and the effect on each team.
import { PageHeader } from "../components/page-header";
import { CommitmentTrendCard } from "../cards/commitments/commitment-trend-card";
import { RecommendationsCard } from "../cards/commitments/recommendations-card";
import { SimulatorCard } from "../cards/commitments/simulator-card";
import { ExpirationsCard } from "../cards/commitments/expirations-card";
import { TeamEffectCard } from "../cards/commitments/team-effect-card";
import "../commitments.css";

export function CommitmentsPage() {
  return (
    <>
      <PageHeader measure={false} title="Commitments" subtitle="Reserved instances and Savings Plans: what they cover, what they waste, what to buy next and when they end." />
      <CommitmentTrendCard />
      <ExpirationsCard />
      <RecommendationsCard />
      <SimulatorCard />
      <TeamEffectCard />
    </>
  );
}
