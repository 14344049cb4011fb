import { and, eq } from "drizzle-orm";
import { PostbagError } from "../../errors.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Database, Tx } from "../../store/database.ts";
import { letterItems } from "../../store/schema.ts";
import { checkItemTransition, isItemState, type ItemState } from "../states.ts";
import { findLettersForUpdate } from "./find-letters.ts";
import { inTransaction } from "../../store/transaction.ts";

// A person confirms what a reply answered, one item at a time (the web app's
// "Mark … as received" under a reply's suggestions), or sets an item without
// any reply (already public at a web address, say), with a note for staff:
// the item's new state and its audit entry in one transaction.

export interface UpdateItemOptions {
  campaign: string;
  recipient: string;
  item: string;
  state: string;
  publicUrl?: string | undefined;
  /** Why, for staff: kept in the audit log only, never published. */
  note?: string | undefined;
  actor: string;
}

const NOTE_LIMIT = 1000;

export async function updateItem(
  options: UpdateItemOptions,
  deps: { database(): Promise<Database> },
): Promise<{ campaign: string; recipient: string; item: string; state: ItemState }> {
  const { state } = options;
  if (!isItemState(state) || state === "requested") {
    throw new PostbagError("bad_input", `"${state}" is not a state an item can be marked`, {
      field: "state",
    });
  }
  const publicUrl = state === "public" ? (options.publicUrl ?? "") : null;
  if (publicUrl !== null && !/^https?:\/\/\S+$/.test(publicUrl)) {
    throw new PostbagError("bad_input", "a public item needs its web address (http:// or https://)", {
      field: "publicUrl",
    });
  }
  const note = options.note?.trim() || null;
  if (note !== null && note.length > NOTE_LIMIT) {
    throw new PostbagError("bad_input", `the note is longer than ${NOTE_LIMIT} characters`, {
      field: "note",
    });
  }
  const { db } = await deps.database();
  return inTransaction(db, async (tx) => {
    // The letter row is locked, as record-reply does, so a reply recorded at the same time waits.
    const [row] = await findLettersForUpdate(tx, options.campaign, options.recipient);
    const entityId = `${options.campaign}/${options.recipient}`;
    await applyItemUpdate(
      tx,
      { letterId: row!.letter.id, entityId, recipient: options.recipient, sameIsError: true },
      {
        itemId: options.item,
        state,
        publicUrl,
        note,
        actor: options.actor,
      },
    );
    return { campaign: options.campaign, recipient: options.recipient, item: options.item, state };
  });
}

/**
 * One item's change inside a caller's transaction (a recorded reply, or a
 * person confirming a suggestion): checked against the item state machine,
 * written, audited. `sameIsError`: a confirmation repeated from a stale page
 * is refused rather than audited as a change that changed nothing.
 */
export async function applyItemUpdate(
  tx: Tx,
  letter: { letterId: number; entityId: string; recipient: string; sameIsError?: boolean },
  update: { itemId: string; state: ItemState; publicUrl: string | null; note?: string | null; actor: string },
): Promise<void> {
  const where = and(eq(letterItems.letterId, letter.letterId), eq(letterItems.itemId, update.itemId));
  const [item] = await tx.select().from(letterItems).where(where).for("update");
  if (!item) {
    throw new PostbagError(
      "not_found",
      `the letter to ${letter.recipient} asks for no item "${update.itemId}"`,
      { field: "item" },
    );
  }
  const what = `item "${update.itemId}" of the letter to ${letter.recipient}`;
  if (letter.sameIsError && item.state === update.state) {
    throw new PostbagError("invalid_transition", `${what} is already ${item.state}`);
  }
  checkItemTransition(what, item.state, update.state);
  await tx.update(letterItems).set({ state: update.state, publicUrl: update.publicUrl }).where(where);
  await appendAudit(tx, {
    actor: update.actor,
    action: "item.updated",
    entity: "item",
    entityId: `${letter.entityId}/${update.itemId}`,
    before: { state: item.state, publicUrl: item.publicUrl },
    after: {
      state: update.state,
      publicUrl: update.publicUrl,
      ...(update.note ? { note: update.note } : {}),
    },
  });
}
