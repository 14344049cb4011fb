import type { FastifyReply } from "fastify";
import type { TemplateCheck } from "../../../campaigns/workspace/save-letter-template.ts";
import type { Letter } from "../../../letters/model.ts";
import { isPostbagError } from "../../../errors.ts";
import { formErrors, type FieldError, type FormErrors } from "../../forms/form-errors.ts";
import { campaignPath } from "./editing-forms.ts";
import type { TemplateKind } from "../../../campaigns/workspace/save-letter-template.ts";
import { CHASER_FIELDS } from "../../../campaigns/chasers/chaser-template.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";

/** Where each template is edited, under the campaign. */
export const TEMPLATE_PATHS: Record<TemplateKind, string> = {
  letter: "template",
  chaser: "chaser-template",
};

export interface TemplateState {
  status?: number;
  /** The draft as sent; the saved template when absent. */
  source?: string;
  recipient?: string;
  /** Set when the draft was checked: the page lists what the check found, with status 400 if anything. */
  check?: TemplateCheck | null;
  preview?: Letter | null;
  errors?: FormErrors | null;
  /** The version the draft was started from; the saved template's when absent. */
  version?: string;
  /** Someone else saved the letter since the draft was started: their text is shown beside the draft. */
  conflict?: boolean;
}

/**
 * The template page: the draft (or the saved letter), a recipient to preview
 * it for, and whatever the last button found. Without a preview of its own,
 * it shows the saved letter for the chosen recipient.
 */
export async function showTemplate(
  services: CampaignsSlice,
  reply: FastifyReply,
  campaign: string,
  state: TemplateState = {},
  which: TemplateKind = "letter",
) {
  const sources = await services.campaignSources({ campaign });
  const template = which === "chaser" ? sources.chaser : sources.letter;
  const { list } = sources.recipients;
  const chosen = list.find(({ id }) => id === state.recipient) ?? list[0];
  let preview = state.preview ?? null;
  if (state.source === undefined && chosen) {
    const saved = { campaign, source: template.source, recipient: chosen.id, which };
    preview = await services.previewTemplate(saved).catch((error: unknown) => {
      if (isPostbagError(error)) return null;
      throw error;
    });
  }
  const files = { letter: template.file, recipients: sources.recipients.file };
  const errors = state.errors ?? (state.check ? checkErrors(state.check, files) : null);
  return reply.code(state.status ?? (errors ? 400 : 200)).page("manage/editing/template.njk", {
    sources,
    which,
    template,
    chaserFields: which === "chaser" ? CHASER_FIELDS : [],
    path: `${campaignPath(sources.campaign)}/${TEMPLATE_PATHS[which]}`,
    base: campaignPath(sources.campaign),
    source: state.source ?? template.source,
    recipients: list.map(({ id, name, organisation }) => ({
      value: id,
      text: [name, organisation].filter(Boolean).join(", ") || id,
      selected: id === chosen?.id,
    })),
    chosen,
    draft: state.source !== undefined,
    checked: state.check !== undefined && state.check !== null,
    preview,
    errors,
    // After a conflict the form carries the version now saved: saving again is a choice made knowingly.
    version: state.conflict ? template.version : state.version || template.version,
    theirs: state.conflict ? template.source : null,
  });
}

/** What a check found, as errors against the draft; null when it found nothing. */
function checkErrors(check: TemplateCheck, files: { letter: string; recipients: string }) {
  const found: FieldError[] = [
    ...check.missing.map(({ name, line }) => ({
      field: "source",
      message: `${files.letter}, line ${line}: the placeholder ((${name})) matches no column of ${files.recipients}`,
    })),
    ...check.errors.map(({ message }) => ({ field: "source", message })),
  ];
  return found.length > 0 ? formErrors(found) : null;
}
