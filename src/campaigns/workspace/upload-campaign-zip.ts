import { posix } from "node:path";
import { PostbagError, throwIfProblems } from "../../errors.ts";
import { readCampaignYaml, type CampaignYaml } from "../../files/read-campaign-yaml.ts";
import type { ImportSummary } from "../records/import-campaign.ts";
import { withCampaignLock, workspaceOf } from "./campaign-lock.ts";
import { removeIfNeverImported } from "./clean-workspace.ts";
import { currentFolder, folderPathOf, type WorkspaceDeps } from "./campaign-workspace.ts";
import { conflict, folderVersion, lastCampaignChange } from "./edit-versions.ts";
import { folderProblems } from "./folder-problems.ts";
import { exists, swapFolder, writeFiles } from "./swap-folder.ts";
import { unpackZip } from "./unpack-zip.ts";

export interface UploadCampaignZipOptions {
  bytes: Uint8Array;
  actor: string;
  /** The campaign whose folder the zip replaces; without it the zip makes a new campaign. */
  campaign?: string | undefined;
  /** Whether the uploader may change a published campaign's public text (approvers and admins). */
  mayChangePublicText?: boolean;
  /** The version of the folder being replaced, as read (campaignSources); refused if it changed since. */
  version?: string | undefined;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A campaign folder uploaded as a zip: unpacked into a staging folder,
 * checked as a whole (every problem listed), and only then moved into the
 * workspace and imported. On any error nothing is left behind.
 */
export async function uploadCampaignZip(
  options: UploadCampaignZipOptions,
  deps: WorkspaceDeps,
): Promise<ImportSummary> {
  const { files, topFolder } = unpackZip(options.bytes);
  const yamlFile = files.get("campaign.yaml") ?? new Uint8Array();
  const config = readCampaignYaml(Buffer.from(yamlFile).toString("utf8"), "campaign.yaml");
  checkPaths(config);
  const id = campaignId(config, topFolder, options.campaign);
  return withCampaignLock(id, deps, async () => {
    await removeIfNeverImported(id, deps);
    const known = (await folderPathOf(id, deps)) !== null;
    if (options.campaign === undefined && (known || (await exists(workspaceOf(id, deps))))) {
      throw new PostbagError("bad_input", `a campaign "${id}" already exists`, { field: "id" });
    }
    if (options.campaign !== undefined && !known) {
      throw new PostbagError("not_found", `there is no campaign "${id}"`, { field: "campaign" });
    }
    if (options.campaign !== undefined && options.version !== undefined) {
      const current = await currentFolder(id, deps);
      if (folderVersion(current) !== options.version) {
        throw conflict(`The campaign ${id}`, await lastCampaignChange(deps, id), "");
      }
    }
    const target = workspaceOf(id, deps);
    return swapFolder({
      target,
      fill: async (staging) => {
        await writeFiles(staging, Object.fromEntries(files));
        throwIfProblems(folderProblems(await deps.readCampaignFolder(staging)));
      },
      then: () =>
        deps.importCampaign({
          dir: target,
          actor: options.actor,
          mayChangePublicText: options.mayChangePublicText ?? false,
        }),
    });
  });
}

/** The campaign's id: campaign.yaml's, else the zip's top folder's (the folder's name is its id). */
function campaignId(config: CampaignYaml, topFolder: string | null, campaign: string | undefined): string {
  const at = { file: "campaign.yaml", field: "id" };
  if (campaign !== undefined && config.id !== undefined && config.id !== campaign) {
    throw new PostbagError("bad_input", `the id "${config.id}" is not this campaign's ("${campaign}")`, at);
  }
  const id = campaign ?? config.id ?? topFolder;
  if (id === null || !SAFE_ID.test(id)) {
    throw new PostbagError("bad_input", "give the campaign an id: add a line such as `id: vru-2020`", at);
  }
  return id;
}

/** campaign.yaml names files: they must be inside the folder, or a zip could read the server's. */
function checkPaths(config: CampaignYaml): void {
  const named: [string, string | undefined][] = [
    ["letter", config.letter],
    ["chaser", config.chaser],
    ["recipients", config.recipients],
    ["signatory.signature", config.signatory.signature],
  ];
  for (const [field, path] of named) {
    if (path === undefined) continue;
    const normal = posix.normalize(path.replace(/\\/g, "/"));
    if (posix.isAbsolute(normal) || /^[A-Za-z]:/.test(normal) || normal.split("/").includes("..")) {
      throw new PostbagError("bad_input", `"${path}" is outside the campaign folder`, {
        file: "campaign.yaml",
        field,
      });
    }
  }
}
