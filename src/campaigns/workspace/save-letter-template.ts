import { PostbagError, problemsOf, throwIfProblems, type Problem } from "../../errors.ts";
import type { CampaignFolder } from "../../files/read-campaign-folder.ts";
import type { Letter } from "../../letters/model.ts";
import type { ImportSummary } from "../records/import-campaign.ts";
import { prepareCampaign } from "../prepare-letters.ts";
import { currentFolder, editWorkspace, type WorkspaceDeps } from "./campaign-workspace.ts";
import { caught, folderProblems, templateProblems } from "./folder-problems.ts";
import { templateVersion } from "./campaign-sources.ts";
import { conflict, lastChange } from "./edit-versions.ts";
import { chaserProblems, chaserSource, previewChaser } from "../chasers/chaser-draft.ts";

// The letter template edited in the browser: checked as it is typed, previewed
// for any recipient from the draft, and saved (written to letter.md, imported).

export type TemplateKind = "letter" | "chaser";

export interface TemplateDraft {
  campaign: string;
  source: string;
  /** letter.md (the default) or chaser.md. */
  which?: TemplateKind | undefined;
}

export interface SaveTemplateOptions extends TemplateDraft {
  actor: string;
  /** The version the draft was started from (campaignSources); a save from an older one is refused. */
  version?: string | undefined;
}

export interface TemplateCheck {
  /** Placeholders no recipient column matches, with the line of their first use. */
  missing: { name: string; line: number }[];
  /** Everything else that stops the draft being saved (syntax, footnotes). */
  errors: Problem[];
}

export async function checkTemplate(options: TemplateDraft, deps: WorkspaceDeps): Promise<TemplateCheck> {
  if (options.which === "chaser") {
    const { missing, errors } = chaserProblems(
      await currentFolder(options.campaign, deps),
      lf(options.source),
    );
    return { missing, errors: errors.flatMap(problemsOf) };
  }
  const folder = withDraft(await currentFolder(options.campaign, deps), options.source);
  const { missing, errors } = templateProblems(folder.letter, folder.recipients.columns);
  // `errors` holds the missing placeholders' errors, or else a syntax error.
  const syntax = missing.length > 0 ? [] : errors;
  const rest = errors.length > 0 ? [] : caught(() => prepareCampaign(folder));
  return { missing, errors: [...syntax, ...rest].flatMap(problemsOf) };
}

/** One recipient's letter from the draft: what the live preview shows. */
export async function previewTemplate(
  options: TemplateDraft & { recipient: string },
  deps: WorkspaceDeps,
): Promise<Letter> {
  if (options.which === "chaser") {
    const folder = await currentFolder(options.campaign, deps);
    const { db } = await deps.database();
    return previewChaser(db, folder, { source: lf(options.source), recipient: options.recipient });
  }
  const folder = withDraft(await currentFolder(options.campaign, deps), options.source);
  const letter = prepareCampaign(folder).letters.find(({ id }) => id === options.recipient);
  if (!letter) {
    throw new PostbagError("not_found", `there is no recipient "${options.recipient}" in this campaign`, {
      field: "recipient",
    });
  }
  return letter;
}

/**
 * Writes the draft to the folder's letter file and imports: changed letters
 * get a new draft version. A chaser draft goes to the chaser file: chasers
 * already drafted keep their text (each is its own letter).
 */
export async function saveLetterTemplate(
  options: SaveTemplateOptions,
  deps: WorkspaceDeps,
): Promise<ImportSummary> {
  if (options.which === "chaser") return saveChaser(options, deps);
  return editWorkspace(options, deps, async (current) => {
    if (options.version !== undefined && options.version !== templateVersion(current.letter.source)) {
      const change = await lastChange(deps, "campaign", options.campaign, "campaign.updated");
      throw conflict("The letter", change, "their text is the one now saved");
    }
    const folder = withDraft(current, options.source);
    throwIfProblems(folderProblems(folder));
    return { [folder.letter.file]: folder.letter.source };
  });
}

function saveChaser(options: SaveTemplateOptions, deps: WorkspaceDeps): Promise<ImportSummary> {
  return editWorkspace(options, deps, async (current) => {
    const saved = chaserSource(current);
    if (options.version !== undefined && options.version !== templateVersion(saved.source)) {
      const change = await lastChange(deps, "campaign", options.campaign, "campaign.updated");
      throw conflict("The chaser", change, "their text is the one now saved");
    }
    const source = lf(options.source);
    throwIfProblems(chaserProblems(current, source).errors);
    return { [saved.file]: source };
  });
}

function withDraft(folder: CampaignFolder, source: string): CampaignFolder {
  return { ...folder, letter: { file: folder.letter.file, source: lf(source) } };
}

/** Browsers send a textarea's lines with CRLF: the same text must hash the same. */
function lf(source: string): string {
  return source.replace(/\r\n?/g, "\n");
}
