import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import type { FileStore } from "../../files/file-store.ts";
import type { Letter } from "../../letters/model.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import { files, letterVersionFiles, letterVersions, users } from "../../store/schema.ts";
import { checkLetterTransition } from "../states.ts";
import { findLettersForUpdate, letterEntityId, updateLetter } from "./find-letters.ts";
import { inTransaction } from "../../store/transaction.ts";

export interface ApproveLettersOptions {
  campaign: string;
  recipient?: string | undefined;
  /** The approver's email: a user with the approver or admin role. */
  by: string;
  /** "chaser" approves the recipient's newest chaser (or every draft chaser) instead of first letters. */
  kind?: "letter" | "chaser" | undefined;
  /** Only these recipients' drafts (letters selected on the board); the others are left as they are. */
  recipients?: string[] | undefined;
}

export interface ApproveLettersDeps {
  database(): Promise<Database>;
  /** The PDF of each letter, keyed by letter id. */
  renderPdfs(letters: Letter[]): Promise<Map<string, Buffer>>;
  fileStore: FileStore;
}

const APPROVERS = ["approver", "admin"];

/**
 * Freezes draft letters: their current version, with its content hash, is the
 * one to send, and its PDF is kept by content hash. The PDFs are made before
 * the transaction; if a letter changed meanwhile, nothing is approved.
 */
export async function approveLetters(
  { campaign, recipient, by, kind = "letter", recipients }: ApproveLettersOptions,
  deps: ApproveLettersDeps,
): Promise<{ campaign: string; approved: string[] }> {
  const { db } = await deps.database();
  await checkApprover(db, by);
  const find = async (tx: Tx) =>
    selectDrafts(await findLettersForUpdate(tx, campaign, recipient, kind), recipient, kind, recipients);
  const drafts = await inTransaction(db, find);
  // A named letter that cannot be approved is refused before its PDF is made (and checked again below).
  for (const { letter, recipient: to } of drafts) {
    checkLetterTransition(`the ${kind} to ${to.key}`, letter.state, "approved");
  }
  const versions = await currentVersions(db, drafts);
  const pdfs = await deps.renderPdfs(versions.map((version) => version.letter));
  const stored = new Map<string, { hash: string; size: number }>();
  for (const [key, bytes] of pdfs) stored.set(key, await deps.fileStore.put(bytes));

  return inTransaction(db, async (tx) => {
    const rows = await find(tx);
    const approved: string[] = [];
    for (const { letter, recipient: to } of rows) {
      checkLetterTransition(`the ${kind} to ${to.key}`, letter.state, "approved");
      const version = versions.find((candidate) => candidate.letterId === letter.id);
      const pdf = stored.get(to.key);
      if (!version || version.number !== letter.currentVersion || !pdf) {
        throw new PostbagError(
          "conflict",
          `the letter to ${to.key} changed while it was being approved: nothing was approved, try again`,
        );
      }
      await updateLetter(tx, letter, { state: "approved" });
      await tx
        .update(letterVersions)
        .set({ approvedBy: by, approvedAt: new Date() })
        .where(eq(letterVersions.id, version.id));
      await tx
        .insert(files)
        .values({ hash: pdf.hash, size: pdf.size, mediaType: "application/pdf" })
        .onConflictDoNothing();
      await tx
        .insert(letterVersionFiles)
        .values({ versionId: version.id, format: "pdf", fileHash: pdf.hash })
        .onConflictDoNothing();
      const chaser = kind === "chaser";
      await appendAudit(tx, {
        actor: by,
        action: chaser ? "chaser.approved" : "letter.approved",
        entity: "letter",
        // The same ids chase-letters gives its chasers, so a letter's audit trail includes them.
        entityId: letterEntityId(campaign, to.key, letter),
        before: { state: letter.state },
        after: {
          state: "approved",
          version: letter.currentVersion,
          contentHash: version.contentHash,
          pdf: pdf.hash,
        },
      });
      approved.push(to.key);
    }
    return { campaign, approved };
  });
}

async function checkApprover(db: Database["db"], by: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.email, by));
  if (!user || !APPROVERS.includes(user.role)) {
    throw new PostbagError(
      "forbidden",
      `${by} may not approve letters: only users with the approver or admin role can`,
      {
        field: "by",
      },
    );
  }
}

type LetterRow = Awaited<ReturnType<typeof findLettersForUpdate>>[number];

/**
 * Approving a whole campaign takes its drafts; naming one recipient takes that
 * letter, to check it (for chasers, the newest one, as the read side shows it).
 */
function selectDrafts(
  rows: LetterRow[],
  recipient: string | undefined,
  kind: string,
  selected?: string[],
): LetterRow[] {
  const chosen = selected ? new Set(selected) : null;
  if (recipient === undefined) {
    return rows.filter(
      ({ letter, recipient: to }) => letter.state === "draft" && (!chosen || chosen.has(to.key)),
    );
  }
  return kind === "chaser" ? rows.slice(-1) : rows;
}

async function currentVersions(db: Database["db"], rows: LetterRow[]) {
  const versions = [];
  for (const { letter, recipient } of rows) {
    const [version] = await db
      .select()
      .from(letterVersions)
      .where(and(eq(letterVersions.letterId, letter.id), eq(letterVersions.number, letter.currentVersion)));
    if (!version) continue;
    const content = version.content as Omit<Letter, "source">;
    // The stored content leaves out where the row was; the renderer only needs it for errors.
    const source = { file: "the stored letter", row: 0, rowLabel: "row" as const, addressColumns: [] };
    versions.push({ ...version, letter: { ...content, id: recipient.key, source } });
  }
  return versions;
}
