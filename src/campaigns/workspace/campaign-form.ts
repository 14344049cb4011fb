import { PostbagError, throwIfProblems } from "../../errors.ts";
import { campaignYaml } from "../../files/read-campaign-yaml.ts";

// The new-campaign form, turned into campaign.yaml's keys and checked with
// the same schema that reads campaign.yaml, so a form that passes makes a
// folder that reads. Every field's first problem is reported, named by field.

export interface CampaignForm {
  id: string;
  title: string;
  /** ISO, e.g. 2020-10-13. */
  date: string;
  senderName: string;
  senderRole?: string | undefined;
  /** One address line per line. */
  senderAddress: string;
  senderPhone?: string | undefined;
  senderEmail?: string | undefined;
  signatoryName: string;
  signatoryRole: string;
  /** e.g. "20 working days"; empty for none. */
  replyWithin: string;
  /** One requested item per line, "id: title". */
  requests: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_RULE = "use lowercase letters, digits and hyphens, e.g. vru-2020";

/** campaign.yaml's content for the form, or a bad_input error listing every bad field. */
export function campaignYamlOf(form: CampaignForm): Record<string, unknown> & { id: string } {
  const errors = new Map<string, string>();
  const fail = (field: string, message: string) => errors.has(field) || errors.set(field, message);
  if (!SLUG.test(form.id.trim())) fail("id", SLUG_RULE);
  const requests = requestLines(form.requests, (message) => fail("requests", message));
  const yaml = {
    id: form.id.trim(),
    title: form.title.trim(),
    date: form.date.trim(),
    letter: "letter.md",
    recipients: "recipients.csv",
    sender: {
      name: form.senderName.trim(),
      role: form.senderRole?.trim() ?? "",
      address: lines(form.senderAddress),
      phone: form.senderPhone?.trim() ?? "",
      email: form.senderEmail?.trim() ?? "",
    },
    signatory: { name: form.signatoryName.trim(), role: form.signatoryRole.trim() },
    requests,
    ...(form.replyWithin.trim() ? { reply_within: form.replyWithin.trim() } : {}),
  };
  for (const issue of campaignYaml.safeParse(yaml).error?.issues ?? []) {
    fail(fieldOf(issue.path), issue.message);
  }
  const problems = [...errors].map(([field, message]) => new PostbagError("bad_input", message, { field }));
  throwIfProblems(problems, "bad_input");
  return yaml;
}

/** "id: title" lines as campaign.yaml's requests; each problem told to `fail`. */
export function requestLines(text: string, fail: (message: string) => void): { id: string; title: string }[] {
  const requests = lines(text).map((line, index) => {
    const [, id = "", title = ""] = /^([^:]*):(.*)$/.exec(line) ?? [];
    if (!SLUG.test(id.trim()) || !title.trim()) fail(`line ${index + 1}: write "id: title", ${SLUG_RULE}`);
    return { id: id.trim(), title: title.trim() };
  });
  const ids = requests.map((request) => request.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) fail(`the id "${repeated}" is used twice`);
  return requests;
}

/**
 * The digest's questions from a form: one a line, as "id: question" or
 * "id (kind): question", kind one of campaign.yaml's (money, yes/no…).
 */
export function questionLines(
  text: string,
  fail: (message: string) => void,
): { id: string; question: string; kind: string }[] {
  const questions = lines(text).map((line, index) => {
    const [, id = "", kind = "text", question = ""] = /^([^:(]*)(?:\(([^)]*)\))?\s*:(.*)$/.exec(line) ?? [];
    if (!SLUG.test(id.trim()) || !question.trim()) {
      fail(`line ${index + 1}: write "id: question" or "id (money): question", ${SLUG_RULE}`);
    }
    return { id: id.trim(), question: question.trim(), kind: kind.trim() };
  });
  const ids = questions.map((question) => question.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) fail(`the id "${repeated}" is used twice`);
  return questions;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** A campaign.yaml key path as the form's field name: sender.name → senderName, requests.0.id → requests. */
function fieldOf(path: PropertyKey[]): string {
  const keys = path.slice(0, 2).filter((key): key is string => typeof key === "string");
  return keys.join("_").replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
}
