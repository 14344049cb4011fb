import type { FastifyReply } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import type { LetterParams, PageState } from "../letters/letter-page.ts";
import { letterView } from "../letters/letter-view.ts";
import { letterPath } from "../paths.ts";
import { chaserAudit, chasersView } from "./chasers-view.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";
import type { Runtime } from "../../../services.ts";
import { viaChoices } from "../letters/reply-fields.ts";

/** The campaign's chasers page, as it is now (again with errors when generating was refused). */
export async function showChasers(
  services: RecordsSlice,
  reply: FastifyReply,
  campaign: string,
  { status = 200, values = {}, errors = null }: PageState = {},
) {
  const progress = await services.campaignStatus({ campaign, asOf: today() });
  const chasers = await services.listChasers({ campaign });
  return reply.code(status).page("manage/chasers/chasers.njk", {
    status: progress,
    view: chasersView(progress, chasers),
    values,
    errors,
  });
}

/** The recipient's newest chaser: its preview, files, versions, what can be done, its own audit entries. */
export async function showChaser(
  services: RecordsSlice & Pick<Runtime, "config">,
  reply: FastifyReply,
  { campaign, recipient }: LetterParams,
  { status = 200, values = {}, errors = null }: PageState = {},
) {
  const detail = await services.letterDetail({ campaign, recipient, kind: "chaser", asOf: today() });
  const trail = await services.auditTrailForLetter({ campaign, recipient });
  const audit = chaserAudit(trail, campaign, recipient, detail.letter.id);
  return reply.code(status).page("manage/chasers/chaser.njk", {
    detail,
    view: letterView(detail, audit, { emailSetUp: services.config.smtp.host !== undefined }),
    letterHref: letterPath(campaign, recipient),
    vias: viaChoices(values["sent-via"]),
    values,
    errors,
  });
}
