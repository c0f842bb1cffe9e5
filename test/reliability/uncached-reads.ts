// Reads the cache cannot answer: every request asks for a range no one asked for before (the read
// cache keys on the query), so each one is computed from the database, `concurrency` at a time.
import { addDays } from "../../db/calendar";

/** 4 dashboard reads x `ranges` start days, all ending the day before lastDay (no other read does): every path is new. */
export function uncachedPaths(lastDay: string, ranges: number): string[] {
  const to = addDays(lastDay, -1);
  return Array.from({ length: ranges }, (_, k) => addDays(to, -(29 + k))).flatMap((from) => [
    `/api/teams?from=${from}&to=${to}`,
    `/api/teams/team-07?from=${from}&to=${to}`,
    `/api/org?from=${from}&to=${to}`,
    `/api/ownership/summary?from=${from}&to=${to}`,
  ]);
}

/** Milliseconds per request, sorted; throws on an answer that is not a 200 cache miss. */
export async function timeUncachedReads(base: string, cookie: string, paths: string[], concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const started = performance.now();
      const response = await fetch(base + path, { headers: { cookie } });
      await response.arrayBuffer();
      times.push(performance.now() - started);
      if (response.status !== 200 || response.headers.get("x-cache") !== "miss") throw new Error(`${path}: ${response.status}, x-cache ${response.headers.get("x-cache")}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times.sort((a, b) => a - b);
}
