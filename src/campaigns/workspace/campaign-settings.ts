import { parseDocument } from "yaml";
import { PostbagError, throwIfProblems } from "../../errors.ts";
import { campaignYaml } from "../../files/read-campaign-yaml.ts";
import type { ImportSummary } from "../records/import-campaign.ts";
import { questionLines, requestLines } from "./campaign-form.ts";
import { currentFolder, editWorkspace, type WorkspaceDeps } from "./campaign-workspace.ts";
import { conflict, lastChange, versionOf } from "./edit-versions.ts";

// A campaign's settings changed in the browser: its title, purpose, requested
// items, the digest's questions, reply window and chase interval. campaign.yaml is edited in place
// (its comments and other keys kept), checked as an import checks it, and
// imported: the import writes the audit entry, and refuses a published
// campaign's public text to anyone who may not publish.

const FILE = "campaign.yaml";

export interface CampaignSettings {
  title: string;
  purpose: string;
  /** One "id: title" per line. */
  requests: string;
  /** The digest's questions: one "id: question" or "id (kind): question" per line. */
  questions: string;
  /** e.g. "20 working days"; empty for none. */
  replyWithin: string;
  /** e.g. "10 working days"; empty for the default. */
  chaseEvery: string;
}

export const SETTINGS_FIELDS = [
  "title",
  "purpose",
  "requests",
  "questions",
  "replyWithin",
  "chaseEvery",
] as const;

/** What the form shows: campaign.yaml's settings, and its version (a save must bring it back). */
export async function campaignSettings(
  { campaign }: { campaign: string },
  deps: WorkspaceDeps,
): Promise<CampaignSettings & { campaign: string; version: string }> {
  const folder = await currentFolder(campaign, deps);
  const { config } = folder;
  return {
    campaign: folder.id,
    version: versionOf(yamlSource(folder.sources)),
    title: config.title,
    purpose: config.purpose,
    requests: config.requests.map((request) => `${request.id}: ${request.title}`).join("\n"),
    questions: config.questions
      .map((q) => `${q.id}${q.kind === "text" ? "" : ` (${q.kind})`}: ${q.question}`)
      .join("\n"),
    replyWithin: config.reply_within ?? "",
    chaseEvery: config.chase_every ?? "",
  };
}

export async function saveCampaignSettings(
  options: {
    campaign: string;
    settings: CampaignSettings;
    version?: string | undefined;
    actor: string;
    mayChangePublicText?: boolean | undefined;
  },
  deps: WorkspaceDeps,
): Promise<ImportSummary> {
  return editWorkspace(options, deps, async (folder) => {
    const source = yamlSource(folder.sources);
    if (options.version !== undefined && options.version !== versionOf(source)) {
      const change = await lastChange(deps, "campaign", options.campaign, "campaign.updated");
      throw conflict("The campaign's settings", change, "the settings shown are the ones now saved");
    }
    return { [FILE]: withSettings(source, options.settings) };
  });
}

/** campaign.yaml with the settings written in, or a bad_input error per bad field. */
function withSettings(source: string, settings: CampaignSettings): string {
  const problems: PostbagError[] = [];
  const fail = (field: string) => (message: string) =>
    problems.push(new PostbagError("bad_input", message, { field }));
  const doc = parseDocument(source);
  doc.set("title", settings.title.trim());
  setOrDelete(doc, "purpose", settings.purpose.trim());
  doc.set("requests", requestLines(settings.requests, fail("requests")));
  const questions = questionLines(settings.questions, fail("questions"));
  if (questions.length > 0)
    doc.set(
      "questions",
      questions.map((q) => (q.kind === "text" ? { id: q.id, question: q.question } : q)),
    );
  else doc.delete("questions");
  setOrDelete(doc, "reply_within", settings.replyWithin.trim());
  setOrDelete(doc, "chase_every", settings.chaseEvery.trim());
  const checked = campaignYaml.safeParse(doc.toJS());
  // A field's first problem only: a bad request line is already told in its own words.
  const told = () => new Set(problems.map((problem) => problem.location.field));
  for (const issue of checked.error?.issues ?? []) {
    const field = FIELD_OF[String(issue.path[0])] ?? "title";
    if (!told().has(field)) fail(field)(issue.message);
  }
  throwIfProblems(problems, "bad_input");
  return doc.toString();
}

/** campaign.yaml's keys as the form's fields. */
const FIELD_OF: Record<string, string> = {
  title: "title",
  purpose: "purpose",
  requests: "requests",
  questions: "questions",
  reply_within: "replyWithin",
  chase_every: "chaseEvery",
};

function setOrDelete(doc: ReturnType<typeof parseDocument>, key: string, value: string): void {
  if (value === "") doc.delete(key);
  else doc.set(key, value);
}

function yamlSource(sources: { name: string; bytes: Uint8Array }[]): string {
  const file = sources.find((source) => source.name === FILE);
  if (!file) throw new PostbagError("not_found", `the campaign has no ${FILE}`, { file: FILE });
  return Buffer.from(file.bytes).toString("utf8");
}
