import { normaliseName } from "../../letters/template/names.ts";
import { currentFolder, type WorkspaceDeps } from "./campaign-workspace.ts";
import { folderVersion, versionOf } from "./edit-versions.ts";
import { chaserSource } from "../chasers/chaser-draft.ts";

// What the editing pages show before anything is changed: the letter
// template as written and the recipients file's rows, read from the folder
// the campaign is read from now (the source of truth, not the database).

export interface CampaignSources {
  campaign: string;
  title: string;
  /** The whole folder's version: replacing the folder must bring it back (optimistic locking). */
  version: string;
  /** The template as written, and its version: a save must bring it back (optimistic locking). */
  letter: { file: string; source: string; version: string };
  /** The chaser template; until one is written, the default text (written: false). */
  chaser: { file: string; source: string; version: string; written: boolean };
  recipients: {
    file: string;
    /** Column names as written in the file, blank ones left out. */
    columns: string[];
    /** One per row, in file order. */
    list: { id: string; name: string; organisation: string }[];
  };
}

/** The version of a letter template: its text, line endings aside. */
export function templateVersion(source: string): string {
  return versionOf(source.replace(/\r\n?/g, "\n"));
}

export async function campaignSources(
  { campaign }: { campaign: string },
  deps: WorkspaceDeps,
): Promise<CampaignSources> {
  const folder = await currentFolder(campaign, deps);
  const chaser = chaserSource(folder);
  const table = folder.recipients;
  const indexOf = (name: string) => table.columns.findIndex((column) => normaliseName(column) === name);
  const [id, name, organisation, title] = ["id", "name", "organisation", "title"].map(indexOf);
  const cell = (cells: string[], index: number | undefined) =>
    index === undefined || index === -1 ? "" : (cells[index] ?? "").trim();
  return {
    campaign: folder.id,
    title: folder.config.title,
    version: folderVersion(folder),
    letter: { ...folder.letter, version: templateVersion(folder.letter.source) },
    chaser: { ...chaser, version: templateVersion(chaser.source) },
    recipients: {
      file: table.file,
      columns: table.columns.filter((column) => column !== ""),
      list: table.rows.map(({ cells }) => ({
        id: cell(cells, id),
        name: cell(cells, name),
        // As the directory names it: the organisation column, else the recipient's title.
        organisation: cell(cells, organisation) || cell(cells, title),
      })),
    },
  };
}
