// Pages through the Resource Groups Tagging API in every configured region.
import type { TaggingApi } from "../aws-apis";
import type { ApiCallBudget } from "../api-call-budget";

export interface ResourceRecord {
  arn: string;
  accountId: string;
  region: string;
  service: string;
  resourceType: string;
  tags: Record<string, string>;
}

export async function fetchResources(api: TaggingApi, budget: ApiCallBudget, regions: string[]): Promise<ResourceRecord[]> {
  const records: ResourceRecord[] = [];
  for (const region of regions) {
    let token: string | undefined;
    do {
      const page = await budget.call(() => api.getResources(region, { ResourcesPerPage: 100, PaginationToken: token }));
      for (const mapping of page.ResourceTagMappingList ?? []) {
        if (!mapping.ResourceARN) continue;
        const tags = Object.fromEntries((mapping.Tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
        records.push({ ...parseArn(mapping.ResourceARN), region, tags });
      }
      token = page.PaginationToken || undefined; // "" marks the last page
    } while (token);
  }
  return records;
}

/** arn:partition:service:region:account:resource-type/id (or resource-type:id, or just id). */
export function parseArn(arn: string): Pick<ResourceRecord, "arn" | "accountId" | "service" | "resourceType"> {
  const [, , service = "", , accountId = "", ...rest] = arn.split(":");
  const resource = rest.join(":");
  const typeEnd = resource.search(/[/:]/);
  return { arn, accountId, service, resourceType: typeEnd > 0 ? resource.slice(0, typeEnd) : "" };
}
