import { eq } from "drizzle-orm";
import { digestQuestions } from "../digest/build-digest.ts";
import { proposeValue } from "../digest/propose-value.ts";
import type { QuestionKind } from "../files/read-campaign-yaml.ts";
import type { Db, Tx } from "../store/database.ts";
import { digestAnswers } from "../store/schema.ts";
import type { PublicAnswer, PublicDigest, PublicDocument, PublicLetter } from "./public-model.ts";

// The public digest: only answers a person accepted, and of those only the
// ones whose quote stands, word for word, in the public text of a document
// that is itself public (published, checked, redacted: the documents the
// gate in load-public-campaign.ts let through) of the same body's letter. A
// quote from an unpublished reply, or one a redaction cut into, is found in
// no public text and is left out whole. A value is shown beside its quote
// only when the quote itself says it (a person's own words might not be
// public): yes or no, or the amount or date read from the quote.

type Reader = Db | Tx;

export async function publicDigest(
  db: Reader,
  {
    campaignId,
    publishedAt,
    requests,
    questions,
    letters,
  }: {
    campaignId: string;
    publishedAt: Date;
    requests: { id: string; title: string }[];
    questions: { id: string; question: string; kind: QuestionKind }[];
    letters: PublicLetter[];
  },
): Promise<PublicDigest> {
  const asked = digestQuestions({ requests, questions });
  const kinds = new Map(asked.map((question) => [question.id, question.kind]));
  const rows = await db.select().from(digestAnswers).where(eq(digestAnswers.campaignId, campaignId));
  const bodies = letters.map((letter) => {
    const documents = letter.replies.flatMap((reply) => reply.documents);
    const answers: Record<string, PublicAnswer> = {};
    for (const row of rows.filter((candidate) => candidate.recipientKey === letter.recipient)) {
      const kind = kinds.get(row.questionId);
      if (!kind || row.decision !== "accepted" || !row.quote) continue;
      const document = documentHolding(documents, row.quote);
      if (!document) continue;
      answers[row.questionId] = {
        value: shownValue(kind, row.value, row.quote, document),
        quote: row.quote,
        document: { id: document.id, name: document.name },
        page: row.page,
      };
    }
    return { recipient: letter.recipient, organisation: letter.organisation, answers };
  });
  return {
    publishedAt,
    questions: asked.map(({ id, question, kind }) => ({ id, question, kind })),
    bodies,
  };
}

/** Words alone, lower case, one space apart: a quote is found whatever the line breaks and punctuation. */
export function wordsOnly(text: string): string {
  return ` ${text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

function documentHolding(documents: PublicDocument[], quote: string): PublicDocument | undefined {
  const wanted = wordsOnly(quote);
  if (wanted.trim() === "") return undefined;
  return documents.find((document) => wordsOnly(document.text).includes(wanted));
}

function shownValue(kind: QuestionKind, value: string | null, quote: string, document: PublicDocument) {
  if (!value) return null;
  if (kind === "yes/no") return value === "yes" || value === "no" ? value : null;
  if (kind === "text") return wordsOnly(document.text).includes(wordsOnly(value)) ? value : null;
  return proposeValue(kind, quote)?.value === value ? value : null;
}
