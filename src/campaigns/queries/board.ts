import type { CampaignStatus, LetterStatus } from "../records/campaign-status.ts";
import { ITEM_STATES, LETTER_STATES, type ItemState, type LetterState } from "../states.ts";
import type { BoardFilters } from "./board-filters.ts";

export interface BoardSummary {
  letters: number;
  /** Every letter state, zero included, so a page can show the same columns for every campaign. */
  byState: Record<LetterState, number>;
  /** Items of all letters, per state. */
  byItemState: Record<ItemState, number>;
  /** Per requested item id: its letters per item state. */
  byItem: Record<string, Record<ItemState, number>>;
  overdue: number;
  veryOverdue: number;
}

/** The letters of a campaign's status that match every filter given; pure, for the board page and API. */
export function filterBoard(status: Pick<CampaignStatus, "letters">, filters: BoardFilters): LetterStatus[] {
  const text = filters.text?.toLowerCase();
  return status.letters.filter((letter) => {
    if (filters.state !== undefined && letter.state !== filters.state) return false;
    if (filters.overdue !== undefined && letter.overdue !== filters.overdue) return false;
    if (
      text &&
      !`${letter.recipient}\n${letter.name}\n${letter.organisation ?? ""}`.toLowerCase().includes(text)
    )
      return false;
    if (filters.item === undefined && filters.itemState === undefined) return true;
    return letter.items.some(
      (item) =>
        (filters.item === undefined || item.id === filters.item) &&
        (filters.itemState === undefined || item.state === filters.itemState),
    );
  });
}

/** Counts per letter state and per item state, of a whole status or of filtered letters ({ letters }). */
export function boardSummary(status: Pick<CampaignStatus, "letters">): BoardSummary {
  const zeros = <T extends string>(keys: readonly T[]) =>
    Object.fromEntries(keys.map((key) => [key, 0])) as Record<T, number>;
  const summary: BoardSummary = {
    letters: status.letters.length,
    byState: zeros(LETTER_STATES),
    byItemState: zeros(ITEM_STATES),
    byItem: {},
    overdue: 0,
    veryOverdue: 0,
  };
  for (const letter of status.letters) {
    const state = letter.state as LetterState;
    summary.byState[state] = (summary.byState[state] ?? 0) + 1;
    if (letter.overdue) summary.overdue += 1;
    if (letter.veryOverdue) summary.veryOverdue += 1;
    for (const item of letter.items) {
      const itemState = item.state as ItemState;
      summary.byItemState[itemState] = (summary.byItemState[itemState] ?? 0) + 1;
      const perItem = (summary.byItem[item.id] ??= zeros(ITEM_STATES));
      perItem[itemState] = (perItem[itemState] ?? 0) + 1;
    }
  }
  return summary;
}
