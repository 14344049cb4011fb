import { LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { PostbagError } from "../errors.ts";

// campaign.yaml: the keys of DESIGN.md's campaign folder. Unknown keys are
// allowed (later capabilities add keys), known keys keep their meaning.

const text = z.string().trim();
/** What a digest question's answer is (campaign.yaml's `kind`). */
export const QUESTION_KINDS = ["text", "yes/no", "date", "number", "money"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
const optionalText = z.string().trim().default("");

export const campaignYaml = z.looseObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' only")
    .optional(),
  title: text.min(1, "the title is empty"),
  date: z.iso.date("write the date as YYYY-MM-DD, e.g. 2020-10-13"),
  letter: text.default("letter.md"),
  chaser: text.default("chaser.md"),
  recipients: text.default("recipients.csv"),
  sender: z.looseObject({
    name: text.min(1, "the sender's name is empty"),
    role: optionalText,
    address: z.array(text).default([]),
    phone: optionalText,
    email: optionalText,
  }),
  signatory: z.looseObject({
    name: text.min(1, "the signatory's name is empty"),
    role: optionalText,
    signature: text.optional(),
  }),
  requests: z.array(z.looseObject({ id: text.min(1), title: text.min(1) })).default([]),
  /** What the digest answers from the replies (DESIGN.md), besides each requested item. */
  questions: z
    .array(
      z.looseObject({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and '-' only"),
        question: text.min(1, "the question is empty"),
        kind: z
          .enum(QUESTION_KINDS, { message: `write one of ${QUESTION_KINDS.join(", ")}` })
          .default("text"),
      }),
    )
    .default([])
    .superRefine((questions, context) => {
      const seen = new Set<string>();
      questions.forEach((question, index) => {
        if (seen.has(question.id))
          context.addIssue({
            code: "custom",
            path: [index, "id"],
            message: `"${question.id}" is used twice`,
          });
        seen.add(question.id);
      });
    }),
  /** What the campaign is for, shown on the public site. */
  purpose: optionalText,
  reply_within: z
    .string()
    .regex(/^\s*\d+\s+working\s+days?\s*$/i, 'write it as a number of working days, e.g. "20 working days"')
    .optional(),
  /** The least time between two chasers of one letter, and the time a chaser gives to reply. */
  chase_every: z
    .string()
    .regex(/^\s*\d+\s+working\s+days?\s*$/i, 'write it as a number of working days, e.g. "10 working days"')
    .optional(),
});

export type CampaignYaml = z.infer<typeof campaignYaml>;

/** Parses and checks campaign.yaml; errors name the file, line and key. */
export function readCampaignYaml(source: string, file: string): CampaignYaml {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const line = syntaxError.linePos?.[0].line;
    throw new PostbagError("campaign", `YAML syntax error: ${firstLine(syntaxError.message)}`, {
      file,
      ...(line !== undefined ? { line } : {}),
    });
  }
  const parsed = campaignYaml.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const key = path.join(".");
  throw new PostbagError(
    "campaign",
    issue?.code === "invalid_type" && issue.input === undefined
      ? `the key "${key}" is missing`
      : `${key}: ${issue?.message ?? "invalid value"}`,
    { file, ...lineOf(doc, lines, path) },
  );
}

/** The line of the deepest node on `path` that exists in the document. */
function lineOf(doc: Document, lines: LineCounter, path: string[]): { line?: number } {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return { line: lines.linePos(node.range[0]).line };
  }
  return {};
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
