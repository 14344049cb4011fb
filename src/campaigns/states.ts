import { PostbagError } from "../errors.ts";

// The state machines of a letter and of each item it asks for. Every state
// change goes through `checkTransition`, so an illegal one is refused with a
// message that says what the state is and what it may become.

export const LETTER_STATES = [
  "draft",
  "approved",
  "sent",
  "replied",
  "closed",
  "withdrawn",
  "returned",
] as const;
export type LetterState = (typeof LETTER_STATES)[number];

const LETTER_TRANSITIONS: Record<LetterState, readonly LetterState[]> = {
  draft: ["approved", "withdrawn"],
  // A changed template or row sends an approved letter back to draft.
  approved: ["sent", "draft", "withdrawn"],
  sent: ["replied", "returned", "closed", "withdrawn"],
  replied: ["replied", "closed"],
  returned: ["sent", "closed", "withdrawn"],
  closed: [],
  withdrawn: [],
};

export const ITEM_STATES = ["requested", "public", "received", "declined", "not-held"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

const ITEM_TRANSITIONS: Record<ItemState, readonly ItemState[]> = {
  requested: ["public", "received", "declined", "not-held"],
  // A body may later send what it had published, refused or said it did not hold.
  public: ["received"],
  declined: ["received", "public"],
  "not-held": ["received", "public"],
  received: [],
};

export function checkLetterTransition(what: string, from: string, to: LetterState): void {
  check(what, from, to, LETTER_TRANSITIONS);
}

export function checkItemTransition(what: string, from: string, to: ItemState): void {
  if (from === to) return;
  check(what, from, to, ITEM_TRANSITIONS);
}

function check(what: string, from: string, to: string, transitions: Record<string, readonly string[]>): void {
  const allowed = transitions[from] ?? [];
  if (allowed.includes(to)) return;
  const options = allowed.length > 0 ? `it can only become ${allowed.join(", ")}` : "that is final";
  throw new PostbagError("invalid_transition", `${what} is ${from}, so it cannot become ${to}: ${options}`);
}

export function isItemState(value: string): value is ItemState {
  return (ITEM_STATES as readonly string[]).includes(value);
}
