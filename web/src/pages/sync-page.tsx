import { PageHeader } from "../components/page-header";
import { SyncStatusCard } from "../cards/sync/sync-status-card";
import { ReconciliationCard } from "../cards/sync/reconciliation-card";
import { JobRunsCard } from "../cards/sync/job-runs-card";
import { ImportUploadCard } from "../cards/sync/import-upload-card";
import { ImportQualityCard } from "../cards/sync/import-quality-card";
import { Can } from "../session/session";

export function SyncPage() {
  return (
    <>
      <PageHeader measure={false} title="Data sync" subtitle="What was read from AWS, when, at what cost, and whether it adds up." />
      <SyncStatusCard />
      <ReconciliationCard />
      <ImportQualityCard />
      <JobRunsCard />
      <Can need="admin">
        <ImportUploadCard />
      </Can>
    </>
  );
}
