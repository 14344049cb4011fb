import { and, eq } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import { appendAudit } from "../store/audit.ts";
import { digestAnswers } from "../store/schema.ts";
import { inTransaction } from "../store/transaction.ts";
import { campaignDigest, type DigestCell } from "./campaign-digest.ts";
import type { RefreshDeps } from "./refresh-digest.ts";

// A person's decision on one cell of the digest: accept the proposal (the
// value proposed, or for a question in words the passage itself), accept it
// with a value of their own, or reject it. The answer keeps the passage it
// rests on, from the build the person saw (a build finished since makes
// the decision wait until they have seen its proposal); the decision and its
// audit entry are written in one transaction.

export type Decision = "accept" | "edit" | "reject";

export interface DecideAnswerOptions {
  campaign: string;
  recipient: string;
  question: string;
  decision: string;
  /** The person's own value, for "edit". */
  value?: string | undefined;
  /** Which of the cell's passages the answer rests on, from 0 (the best); the best by default. */
  passage?: number | undefined;
  /** When the build the person decided on was made (the page's), if known: a newer one is refused. */
  builtAt?: string | undefined;
  actor: string;
}

const VALUE_LIMIT = 2000;
const DECIDED = { accept: "accepted", edit: "accepted", reject: "rejected" } as const;

export async function decideAnswer(options: DecideAnswerOptions, deps: RefreshDeps) {
  const decision = decisionOf(options.decision);
  const digest = await campaignDigest(
    {
      campaign: options.campaign,
      question: options.question,
      recipients: [options.recipient],
      // On the build the page showed; a caller that saw none (the API) decides on the digest as it is now.
      refresh: options.builtAt ? "never" : "wait",
    },
    deps,
  );
  if (options.builtAt && options.builtAt !== digest.build.builtAt?.toISOString()) {
    throw new PostbagError(
      "conflict",
      "the digest was built again from the replies since this page was shown: read its proposal again before deciding",
      { field: "decision" },
    );
  }
  const body = digest.bodies.find((candidate) => candidate.recipient === options.recipient);
  if (!body)
    throw new PostbagError(
      "not_found",
      `campaign ${options.campaign} has no recipient "${options.recipient}"`,
      { field: "recipient" },
    );
  const cell = body.cells.find((candidate) => candidate.question === options.question);
  if (!cell)
    throw new PostbagError(
      "not_found",
      `campaign ${options.campaign} has no question "${options.question}"`,
      { field: "question" },
    );
  const row = {
    campaignId: options.campaign,
    recipientKey: options.recipient,
    questionId: options.question,
    decision: DECIDED[decision],
    ...restingOn(decision, cell, options),
    decidedBy: options.actor,
    decidedAt: new Date(),
  };
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    const where = and(
      eq(digestAnswers.campaignId, row.campaignId),
      eq(digestAnswers.recipientKey, row.recipientKey),
      eq(digestAnswers.questionId, row.questionId),
    );
    const [before] = await tx.select().from(digestAnswers).where(where).for("update");
    await tx
      .insert(digestAnswers)
      .values(row)
      .onConflictDoUpdate({
        target: [digestAnswers.campaignId, digestAnswers.recipientKey, digestAnswers.questionId],
        set: row,
      });
    await appendAudit(tx, {
      actor: options.actor,
      action: `digest.${decision === "reject" ? "rejected" : decision === "edit" ? "edited" : "accepted"}`,
      entity: "digest-answer",
      entityId: `${row.campaignId}/${row.recipientKey}/${row.questionId}`,
      before: before ? { decision: before.decision, value: before.value } : null,
      after: { decision: row.decision, value: row.value, file: row.file, page: row.page },
    });
    return {
      campaign: row.campaignId,
      recipient: row.recipientKey,
      question: row.questionId,
      decision: row.decision,
      value: row.value,
    };
  });
}

function decisionOf(decision: string): Decision {
  if (decision === "accept" || decision === "edit" || decision === "reject") return decision;
  throw new PostbagError("bad_input", `"${decision}" is not a decision: accept, edit or reject`, {
    field: "decision",
  });
}

/** The value and the passage an answer rests on: none for a rejection. */
function restingOn(decision: Decision, cell: DigestCell, options: DecideAnswerOptions) {
  if (decision === "reject") return { value: null, quote: null, file: null, page: null };
  const index = options.passage ?? 0;
  const passage = cell.passages[index];
  if (options.passage !== undefined && !passage) {
    throw new PostbagError("bad_input", `the cell has no passage ${index + 1}`, { field: "passage" });
  }
  const value =
    decision === "edit" ? (options.value ?? "").trim() : (cell.proposed?.value ?? passage?.text ?? "");
  if (value === "") {
    throw new PostbagError(
      "bad_input",
      decision === "edit"
        ? "write the answer to keep"
        : "there is nothing proposed to accept: write the answer instead",
      { field: "value" },
    );
  }
  if (value.length > VALUE_LIMIT) {
    throw new PostbagError("bad_input", `the answer is longer than ${VALUE_LIMIT} characters`, {
      field: "value",
    });
  }
  return { value, quote: passage?.text ?? null, file: passage?.file ?? null, page: passage?.page ?? null };
}
