import type { FastifyReply } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import type { FormErrors } from "../../forms/form-errors.ts";
import { letterView } from "./letter-view.ts";
import { letterPublicationView } from "./publication-view.ts";
import { channelChoices, itemFields, viaChoices } from "./reply-fields.ts";
import type { MailInSlice } from "../../../mail-in/mail-in-slice.ts";
import type { PublishingSlice } from "../../../publishing/publishing-slice.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";
import type { Runtime } from "../../../services.ts";

export interface LetterParams {
  campaign: string;
  recipient: string;
}

export interface PageState {
  status?: number;
  values?: Record<string, string>;
  errors?: FormErrors | null;
}

interface SuggestionView {
  itemId: string;
  title: string;
  because: string;
  state: string;
  /** Which confirm buttons to show (the item state machine allows them; the use case checks again). */
  canReceive: boolean;
  canNotHold: boolean;
}

/** What a letter's page reads: the routes that show it again after an action take the same. */
export type LetterPageServices = MailInSlice & PublishingSlice & RecordsSlice & Pick<Runtime, "config">;

/**
 * A letter's page, as it is now: shown on GET, and again with the form's
 * values and errors when an action was refused (nothing was saved, so the
 * page reads the same state).
 */
export async function showLetter(
  services: LetterPageServices,
  reply: FastifyReply,
  { campaign, recipient }: LetterParams,
  { status = 200, values = {}, errors = null }: PageState = {},
) {
  const detail = await services.letterDetail({ campaign, recipient, asOf: today() });
  const audit = await services.auditTrailForLetter({ campaign, recipient });
  // What each reply seems to answer: worked out on display, confirmed by a person (POST …/items).
  const states = new Map(detail.items.map((item) => [item.id, item.state]));
  const suggestions: Record<number, SuggestionView[]> = {};
  for (const { id } of detail.replies) {
    suggestions[id] = (await services.replySuggestions({ reply: id })).map((suggestion) => ({
      ...suggestion,
      state: states.get(suggestion.itemId) ?? "requested",
      canReceive: states.get(suggestion.itemId) !== "received",
      canNotHold: (states.get(suggestion.itemId) ?? "requested") === "requested",
    }));
  }
  return reply.code(status).page("manage/letters/letter.njk", {
    detail,
    view: letterView(detail, audit, { emailSetUp: services.config.smtp.host !== undefined }),
    itemFields: itemFields(detail.items, values),
    channels: channelChoices(values.channel),
    vias: viaChoices(values["sent-via"]),
    suggestions,
    publication: letterPublicationView(await services.letterPublication({ campaign, recipient }), detail),
    values,
    errors,
  });
}
