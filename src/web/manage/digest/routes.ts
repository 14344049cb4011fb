import type { FastifyInstance, FastifyReply } from "fastify";
import type { DigestSlice } from "../../../digest/digest-slice.ts";
import { tableBytes } from "../../../files/write-table.ts";
import { READ } from "../../auth/access.ts";
import { currentUser } from "../../auth/current-user.ts";
import { textField } from "../../forms/form-body.ts";
import type { PageState } from "../letters/letter-page.ts";
import { actionErrors } from "../letters/action-errors.ts";
import { campaignPath } from "../paths.ts";
import { digestTable } from "../../../digest/digest-table.ts";
import { digestView } from "./digest-view.ts";
import { compareView } from "./compare-view.ts";
import { PostbagError } from "../../../errors.ts";

const PAGE = "/manage/campaigns/:campaign/digest";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface CellParams {
  campaign: string;
  recipient: string;
  question: string;
}

/** The digest: every body's answers side by side; a person accepts, edits or rejects each proposal. */
export function digestRoutes(app: FastifyInstance, services: DigestSlice): void {
  app.get<{ Params: { campaign: string } }>(PAGE, READ, (request, reply) =>
    showDigest(services, reply, request.params.campaign),
  );

  app.get<{ Params: { campaign: string; question: string }; Querystring: { body?: string | string[] } }>(
    `${PAGE}/questions/:question`,
    READ,
    async (request, reply) => {
      const { campaign, question } = request.params;
      const digest = await services.campaignDigest({ campaign });
      if (!digest.questions.some((candidate) => candidate.id === question)) {
        throw new PostbagError("not_found", `campaign ${campaign} has no question "${question}"`);
      }
      const chosen = [request.query.body ?? []].flat();
      return reply.page("manage/digest/compare.njk", { digest, view: compareView(digest, question, chosen) });
    },
  );

  app.get<{ Params: { campaign: string; format: string } }>(
    `/manage/campaigns/:campaign/digest.:format`,
    READ,
    async (request, reply) => {
      const { format } = request.params;
      if (format !== "csv" && format !== "xlsx") return reply.callNotFound();
      const digest = await services.campaignDigest({ campaign: request.params.campaign });
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : XLSX)
        .header("content-disposition", `attachment; filename="${digest.campaign}-digest.${format}"`)
        .send(await tableBytes(digestTable(digest), format, `Digest ${digest.title}`));
    },
  );

  app.post<{ Params: { campaign: string; theme: string } }>(
    `${PAGE}/themes/:theme`,
    { config: { access: "write" } },
    async (request, reply) => {
      const { campaign, theme } = request.params;
      const body = request.body as Record<string, unknown>;
      try {
        await services.changeTheme({
          campaign,
          theme,
          action: textField(body, "action"),
          label: textField(body, "label"),
          into: textField(body, "into"),
          actor: currentUser(request).email,
        });
      } catch (error) {
        const field = `theme-${theme}`;
        const refused = actionErrors(error, { label: field, into: field, action: field }, field);
        if (!refused) throw error;
        return showDigest(services, reply, campaign, refused);
      }
      reply.flash("Theme changed");
      return reply.redirect(`${campaignPath(campaign)}/digest#themes`, 303);
    },
  );

  app.post<{ Params: CellParams }>(
    // Under answers/, so that no recipient's id ("themes", "questions") can collide with another route.
    `${PAGE}/answers/:recipient/:question`,
    { config: { access: "write" } },
    async (request, reply) => {
      const { campaign, recipient, question } = request.params;
      const body = request.body as Record<string, unknown>;
      const cell = `${recipient}--${question}`;
      const value = textField(body, "value");
      try {
        await services.decideAnswer({
          campaign,
          recipient,
          question,
          decision: textField(body, "decision"),
          value,
          actor: currentUser(request).email,
        });
      } catch (error) {
        const refused = actionErrors(error, { value: cell, decision: cell, question: cell }, cell);
        if (!refused) throw error;
        return showDigest(services, reply, campaign, { ...refused, values: { [cell]: value } });
      }
      reply.flash("Answer saved");
      return reply.redirect(`${campaignPath(campaign)}/digest#${encodeURIComponent(cell)}`, 303);
    },
  );
}

async function showDigest(
  services: DigestSlice,
  reply: FastifyReply,
  campaign: string,
  { status = 200, values = {}, errors = null }: PageState = {},
) {
  const digest = await services.campaignDigest({ campaign });
  return reply
    .code(status)
    .page("manage/digest/digest.njk", { digest, view: digestView(digest), values, errors });
}
