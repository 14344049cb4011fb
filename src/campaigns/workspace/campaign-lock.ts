import { resolve } from "node:path";
import { PostbagError } from "../../errors.ts";
import type { Database } from "../../store/database.ts";
import { recoverFolder } from "./swap-folder.ts";

/**
 * A campaign's folder in the workspace. Ids come from the web too: one that
 * is not a plain folder name (or that starts with ".", like the staging
 * folders beside it) names no campaign.
 */
export function workspaceOf(campaign: string, deps: { workspaceDir: string }): string {
  if (!/^[^./\\][^/\\]*$/.test(campaign)) {
    throw new PostbagError("not_found", `there is no campaign "${campaign}"`, { field: "campaign" });
  }
  return resolve(deps.workspaceDir, campaign);
}

// Web edits of one campaign run one after another, so two edits never read
// the same folder and the second never loses the first: in this process, in
// turn, and across servers on one PostgreSQL, under the campaign's advisory lock.
const queues = new Map<string, Promise<unknown>>();

/** Runs `run` once every earlier edit of the campaign, here or on another server, has finished. */
export async function withCampaignLock<T>(
  campaign: string,
  deps: { workspaceDir: string; database(): Promise<Database> },
  run: () => Promise<T>,
): Promise<T> {
  // Keyed by the campaign's workspace folder: the thing the edits write.
  const key = workspaceOf(campaign, deps);
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous
    .catch(() => {})
    .then(async () => {
      const database = await deps.database();
      return database.exclusively(`campaign:${campaign}`, async () => {
        await recoverFolder(key);
        return run();
      });
    });
  const tail = current.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => queues.get(key) === tail && queues.delete(key));
  return current;
}
