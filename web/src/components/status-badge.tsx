import type { JobRun } from "../api/use-job-runs";

const labels: Record<JobRun["status"], string> = { running: "Running", succeeded: "Succeeded", failed: "Failed" };

export function StatusBadge({ status }: { status: JobRun["status"] }) {
  return <span className={`badge badge-${status}`}>{labels[status]}</span>;
}
