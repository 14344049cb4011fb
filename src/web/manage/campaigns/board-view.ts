import type { BoardFilters } from "../../../campaigns/queries/board-filters.ts";
import type { CampaignStatus, LetterStatus } from "../../../campaigns/records/campaign-status.ts";
import { ITEM_STATES, LETTER_STATES } from "../../../campaigns/states.ts";
import type { SendProblem } from "../../../mail-out/send-problems.ts";
import { letterPath } from "../paths.ts";

// What the board page shows, worked out from the campaign's status so the
// template only lays it out.

/** GOV.UK tag colours: never the only sign, the state's name is always written. */
const STATE_TAG: Record<string, string> = {
  draft: "govuk-tag--grey",
  approved: "govuk-tag--blue",
  sent: "govuk-tag--light-blue",
  replied: "govuk-tag--green",
  closed: "govuk-tag--grey",
  withdrawn: "govuk-tag--grey",
  returned: "govuk-tag--red",
  requested: "govuk-tag--grey",
  public: "govuk-tag--turquoise",
  received: "govuk-tag--green",
  declined: "govuk-tag--red",
  "not-held": "govuk-tag--orange",
};

export function stateTag(state: string) {
  return { text: state.replace("-", " "), classes: STATE_TAG[state] ?? "govuk-tag--grey" };
}

export function boardRows(status: CampaignStatus, letters: LetterStatus[]) {
  return letters.map((letter) => ({
    recipient: letter.recipient,
    name: letter.name,
    // The body under the person, unless it is what the row is called by already.
    organisation: letter.organisation && letter.organisation !== letter.name ? letter.organisation : null,
    href: letterPath(status.campaign, letter.recipient),
    state: stateTag(letter.state),
    sent: letter.sent,
    due: letter.due,
    overdue: letter.veryOverdue ? "Very overdue" : letter.overdue ? "Overdue" : "",
    items: status.requests.map((request) => {
      const item = letter.items.find((candidate) => candidate.id === request.id);
      return item
        ? {
            ...stateTag(item.state),
            publicUrl: item.publicUrl,
            title: request.title,
            // The letter's page with the form that changes this item open and the item chosen.
            changeHref: `${letterPath(status.campaign, letter.recipient)}?item=${encodeURIComponent(request.id)}#change-item-form`,
          }
        : null;
    }),
  }));
}

/** The letters to send again, each with a link to its page and why its last send failed. */
export function sendProblemRows(campaign: string, problems: SendProblem[]) {
  return problems.map((problem) => ({
    name: problem.name,
    href: letterPath(campaign, problem.recipient),
    what: problem.state === "returned" ? "came back undelivered" : "was not sent",
    reason: problem.reason,
  }));
}

/** The filter form's options, with the current choice selected. */
export function filterOptions(status: CampaignStatus, filters: BoardFilters) {
  const options = (
    values: readonly string[],
    current: string | undefined,
    label: (value: string) => string,
  ) => [
    { value: "", text: "All", selected: current === undefined },
    ...values.map((value) => ({ value, text: label(value), selected: value === current })),
  ];
  const titles = new Map(status.requests.map((request) => [request.id, request.title]));
  return {
    state: options(LETTER_STATES, filters.state, (value) => value),
    item: options(
      status.requests.map((request) => request.id),
      filters.item,
      (value) => titles.get(value) ?? value,
    ),
    itemState: options(ITEM_STATES, filters.itemState, (value) => value.replace("-", " ")),
  };
}
