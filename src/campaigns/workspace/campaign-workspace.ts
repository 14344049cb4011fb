import { eq } from "drizzle-orm";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import type { Database } from "../../store/database.ts";
import { campaigns } from "../../store/schema.ts";
import type { ImportCampaignOptions, ImportSummary } from "../records/import-campaign.ts";
import type { Progress } from "../prepare-letters.ts";
import { withCampaignLock, workspaceOf } from "./campaign-lock.ts";
import { swapFolder, writeFiles, type FolderChanges } from "./swap-folder.ts";
import { loadCampaignFolder } from "../sources/campaign-source-store.ts";

// The campaign folder stays the source of truth: a web edit writes a new
// version of the folder, then imports it. Folders edited from the web live in
// <workspaceDir>/<id>/; a campaign imported from elsewhere (a user's own
// folder, the repository's example) is copied there on its first edit, and
// the import points campaigns.folder at the copy: the original is never written.

export interface WorkspaceDeps {
  database(): Promise<Database>;
  readCampaignFolder: (dir: string) => Promise<CampaignFolder>;
  importCampaign: (options: ImportCampaignOptions) => Promise<ImportSummary>;
  /** Where managed campaign folders live: `<dataDir>/campaigns`. */
  workspaceDir: string;
}

/** Where the campaign is read from now (campaigns.folder); null if there is no such campaign. */
export async function folderPathOf(campaign: string, deps: WorkspaceDeps): Promise<string | null> {
  const { db } = await deps.database();
  const [row] = await db
    .select({ folder: campaigns.folder })
    .from(campaigns)
    .where(eq(campaigns.id, campaign));
  return row?.folder ?? null;
}

/** The campaign as it is now: as last imported, from the sources the database keeps. */
export async function currentFolder(campaign: string, deps: WorkspaceDeps): Promise<CampaignFolder> {
  const { db } = await deps.database();
  return loadCampaignFolder(db, campaign);
}

/**
 * Edits a campaign's folder and imports it: `change` gets the current folder
 * and returns the files to write, or throws and nothing is written. The new
 * folder is a copy of the current one plus the changes, swapped into the
 * workspace; if the import fails, the folder is as it was.
 */
export async function editWorkspace(
  {
    campaign,
    actor,
    onProgress,
    mayChangePublicText = false,
  }: {
    campaign: string;
    actor: string;
    onProgress?: Progress | undefined;
    /** Whether the actor may change a published campaign's public text (see importCampaign). */
    mayChangePublicText?: boolean | undefined;
  },
  deps: WorkspaceDeps,
  change: (folder: CampaignFolder) => Promise<FolderChanges>,
): Promise<ImportSummary> {
  return withCampaignLock(campaign, deps, async () => {
    const folder = await currentFolder(campaign, deps);
    const changes = await change(folder);
    const target = workspaceOf(campaign, deps);
    return swapFolder({
      target,
      fill: async (staging) => {
        // The sources the database keeps, whichever server last wrote them, then the changes.
        await writeFiles(staging, sourceFiles(folder));
        await writeFiles(staging, changes);
      },
      then: () =>
        deps.importCampaign({
          dir: target,
          actor,
          mayChangePublicText,
          ...(onProgress ? { onProgress } : {}),
        }),
    });
  });
}

function sourceFiles(folder: CampaignFolder): FolderChanges {
  return Object.fromEntries(folder.sources.map((source) => [source.name, source.bytes]));
}

/** Makes a campaign editable: copied into the workspace (once) and imported from there. */
export function ensureWorkspace(options: { campaign: string; actor: string }, deps: WorkspaceDeps) {
  return editWorkspace(options, deps, async () => ({}));
}
