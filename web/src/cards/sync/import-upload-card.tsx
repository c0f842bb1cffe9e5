// Upload one CUR / CUR 2.0 / FOCUS file (admins). A bad file is refused whole and the server names
// the file, line and column; nothing of it is written.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card } from "../../components/card";
import { ApiRequestError, csrfHeaders } from "../../api/client";
import type { ErrorBody } from "../../../../api/errors";

interface ImportAnswer {
  runId: number;
  status: string;
  rowsWritten: number;
}

async function upload(file: File): Promise<ImportAnswer> {
  const response = await fetch(`/api/imports?fileName=${encodeURIComponent(file.name)}`, { method: "POST", body: file, headers: { "content-type": "application/octet-stream", ...csrfHeaders() } });
  const body = (await response.json().catch(() => null)) as (ImportAnswer & Partial<ErrorBody>) | null;
  if (!response.ok) throw new ApiRequestError(body?.error?.message ?? `The API answered ${response.status}`, response.status, body?.error?.requestId);
  return body!;
}

export function ImportUploadCard() {
  const [file, setFile] = useState<File | null>(null);
  const queryClient = useQueryClient();
  const run = useMutation({ mutationFn: upload, onSuccess: () => queryClient.invalidateQueries() });
  return (
    <Card title="Import a billing export" note="CUR, CUR 2.0 or FOCUS, CSV or Parquet, optionally gzipped. Re-importing a period replaces it." testId="import-upload">
      <form className="token-form" onSubmit={(e) => (e.preventDefault(), file && run.mutate(file))}>
        <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-label="Export file" data-testid="import-file" />
        <button type="submit" className="button button-small button-primary" disabled={!file || run.isPending} data-testid="import-submit">{run.isPending ? "Importing…" : "Import"}</button>
      </form>
      {run.isError ? <p className="state state-error" role="alert" data-testid="import-error">{run.error.message}</p> : null}
      {run.data ? <p className="all-good" role="status" data-testid="import-done">Run {run.data.runId}: {run.data.status}, {run.data.rowsWritten.toLocaleString("en-US")} rows.</p> : null}
    </Card>
  );
}
