// Waits for a cache warmer to have warmed the database's current read-model version.
import type { DbOrTx } from "../../db/client";
import { getReadModelVersion } from "../../db/read-model-version";
import type { CacheWarmer } from "../../api/cache-warmer";

export async function warmedCurrentVersion(warmer: CacheWarmer, db: DbOrTx, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await warmer.idle();
    const version = await getReadModelVersion(db);
    if (warmer.lastRound()?.version === version) return version;
    if (Date.now() > deadline) throw new Error(`the warmer did not reach version ${version} (last round: ${JSON.stringify(warmer.lastRound())})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
