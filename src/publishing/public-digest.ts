import { and, eq, isNotNull } from "drizzle-orm";
import { digestQuestions } from "../digest/build-digest.ts";
import { proposeValue } from "../digest/propose-value.ts";
import type { QuestionKind } from "../files/read-campaign-yaml.ts";
import type { Db, Tx } from "../store/database.ts";
import { digestAnswers } from "../store/schema.ts";
import type { PublicAnswer, PublicDigest, PublicLetter } from "./public-model.ts";

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
  const rows = await db
    .select()
    .from(digestAnswers)
    .where(
      and(
        eq(digestAnswers.campaignId, campaignId),
        eq(digestAnswers.decision, "accepted"),
        isNotNull(digestAnswers.quote),
      ),
    );
  const acceptedOf = new Map<string, typeof rows>();
  for (const row of rows)
    acceptedOf.set(row.recipientKey, [...(acceptedOf.get(row.recipientKey) ?? []), row]);
  const bodies = letters.map((letter) => {
    const answers: Record<string, PublicAnswer> = {};
    const accepted = acceptedOf.get(letter.recipient) ?? [];
    // Each public text made words alone once, for all of the body's answers.
    const documents = (accepted.length === 0 ? [] : letter.replies.flatMap((reply) => reply.documents)).map(
      (document) => ({ document, words: wordsOnly(document.text) }),
    );
    for (const row of accepted) {
      const kind = kinds.get(row.questionId);
      if (!kind || !row.quote) continue;
      const wanted = wordsOnly(row.quote);
      const holding =
        wanted.trim() === "" ? undefined : documents.find(({ words }) => words.includes(wanted));
      if (!holding) continue;
      const { document, words } = holding;
      answers[row.questionId] = {
        value: shownValue(kind, row.value, row.quote, words),
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
function wordsOnly(text: string): string {
  return ` ${text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

/** `publicWords`: the public text the quote was found in, words alone. */
function shownValue(kind: QuestionKind, value: string | null, quote: string, publicWords: string) {
  if (!value) return null;
  if (kind === "yes/no") return value === "yes" || value === "no" ? value : null;
  if (kind === "text") return publicWords.includes(wordsOnly(value)) ? value : null;
  return proposeValue(kind, quote)?.value === value ? value : null;
}
