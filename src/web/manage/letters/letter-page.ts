import type { FastifyReply } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import { SEND_CHANNELS } from "../../../campaigns/records/record-sent.ts";
import type { Services } from "../../../services.ts";
import type { FormErrors } from "../../forms/form-errors.ts";
import { letterView } from "./letter-view.ts";
import { channelChoices, itemFields } from "./reply-fields.ts";

export interface LetterParams {
  campaign: string;
  recipient: string;
}

export interface PageState {
  status?: number;
  values?: Record<string, string>;
  errors?: FormErrors | null;
}

const VIA_LABELS: Record<string, string> = { post: "Post", email: "Email", hand: "By hand" };

/**
 * A letter's page, as it is now: shown on GET, and again with the form's
 * values and errors when an action was refused (nothing was saved, so the
 * page reads the same state).
 */
export async function showLetter(
  services: Services,
  reply: FastifyReply,
  { campaign, recipient }: LetterParams,
  { status = 200, values = {}, errors = null }: PageState = {},
) {
  const detail = await services.letterDetail({ campaign, recipient, asOf: today() });
  const audit = await services.auditTrailForLetter({ campaign, recipient });
  return reply.code(status).page("manage/letters/letter.njk", {
    detail,
    view: letterView(detail, audit),
    itemFields: itemFields(detail.items, values),
    channels: channelChoices(values.channel),
    vias: SEND_CHANNELS.map((via) => ({
      value: via,
      text: VIA_LABELS[via] ?? via,
      checked: values["sent-via"] === via,
    })),
    values,
    errors,
  });
}
