import { readdir, rm } from "node:fs/promises";
import { pathExists, removeOrphans } from "../../files/temporary-names.ts";
import { withCampaignLock, workspaceOf } from "./campaign-lock.ts";
import { folderPathOf, type WorkspaceDeps } from "./campaign-workspace.ts";

// What a process killed in the middle of a web edit leaves in the workspace
// (an upload, a new campaign, a save): its staging folder, the old folder set
// aside, or a new campaign's folder whose import never committed. Cleaned on
// start, and a new campaign's id is never blocked by such a folder.

/** Cleans the whole workspace; says what it removed or put back. */
export async function cleanWorkspace(deps: WorkspaceDeps): Promise<string[]> {
  const dir = deps.workspaceDir;
  const done = await removeOrphans(dir, (name) => /^\..+\.staging-/.test(name));
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const previous = /^\.(.+)\.previous$/.exec(name)?.[1];
    const campaign = previous ?? (name.startsWith(".") ? null : name);
    if (campaign === null) continue;
    await withCampaignLock(campaign, deps, async () => {
      // recoverFolder (in the lock) has put a set-aside folder back, or dropped it.
      if (await removeIfNeverImported(campaign, deps)) done.push(campaign);
      else if (previous) done.push(name);
    });
  }
  return done;
}

/**
 * A workspace folder for a campaign the database does not know was left by
 * a new campaign whose import never committed: it is removed. Run in the lock.
 */
export async function removeIfNeverImported(campaign: string, deps: WorkspaceDeps): Promise<boolean> {
  const folder = workspaceOf(campaign, deps);
  if (!(await pathExists(folder)) || (await folderPathOf(campaign, deps)) !== null) return false;
  await rm(folder, { recursive: true, force: true });
  return true;
}
