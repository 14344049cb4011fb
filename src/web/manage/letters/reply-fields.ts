import { SEND_CHANNELS, type SendChannel } from "../../../campaigns/records/record-sent.ts";

// The reply form's choices, as the template's radios take them.

/** How replies come in; record-reply stores any text, the form offers these. */
export const REPLY_CHANNELS = [
  { value: "email", text: "Email" },
  { value: "post", text: "Post" },
  { value: "hand", text: "By hand" },
  { value: "portal", text: "Online portal" },
];

const ITEM_CHOICES = [
  { value: "", text: "Leave unchanged" },
  { value: "received", text: "Received" },
  { value: "declined", text: "Declined" },
  { value: "not-held", text: "Not held" },
  { value: "public", text: "Already public" },
];

/** Each requested item's radios for the form, with what was chosen (after an error). */
export function itemFields(
  items: { id: string; title: string; state: string }[],
  values: Record<string, string>,
) {
  return items.map((item, index) => ({
    index,
    id: item.id,
    title: item.title,
    state: item.state.replace("-", " "),
    url: values[`url-${index}`] ?? "",
    choices: ITEM_CHOICES.map((choice) => ({
      ...choice,
      checked: (values[`item-${index}`] ?? "") === choice.value,
    })),
  }));
}

export function channelChoices(chosen: string | undefined) {
  return REPLY_CHANNELS.map((choice) => ({ ...choice, checked: choice.value === chosen }));
}

const VIA_LABELS: Record<SendChannel, string> = { post: "Post", email: "Email", hand: "By hand" };

/** How a letter (or chaser) went, for the "record as sent" form. */
export function viaChoices(chosen: string | undefined) {
  return SEND_CHANNELS.map((via) => ({ value: via, text: VIA_LABELS[via], checked: chosen === via }));
}
