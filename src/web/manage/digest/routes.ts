import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { DigestSlice } from "../../../digest/digest-slice.ts";
import type { PublishingSlice } from "../../../publishing/publishing-slice.ts";
import { NO_FIELDS } from "../../forms/known-fields.ts";
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

type Services = DigestSlice & Pick<PublishingSlice, "setPublication">;

/**
 * The digest: every body's answers side by side; a person accepts, edits or
 * rejects each proposal. `siteUrl`: where the app is reached, for the
 * downloads' links.
 */
export function digestRoutes(app: FastifyInstance, services: Services, siteUrl: string): void {
  app.get<{ Params: { campaign: string }; Querystring: { page?: string } }>(PAGE, READ, (request, reply) =>
    showDigest(services, request, reply, request.params.campaign),
  );

  app.get<{ Params: { campaign: string; question: string }; Querystring: { body?: string | string[] } }>(
    `${PAGE}/questions/:question`,
    READ,
    async (request, reply) => {
      const { campaign, question } = request.params;
      const digest = await services.campaignDigest({ campaign, question, ...asker(request) }, logTo(request));
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
      // The whole digest, as built: a download does not wait for a build under way.
      const digest = await services.campaignDigest(
        { campaign: request.params.campaign, ...asker(request) },
        logTo(request),
      );
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : XLSX)
        .header("content-disposition", `attachment; filename="${digest.campaign}-digest.${format}"`)
        .send(await tableBytes(digestTable(digest, siteUrl), format, `Digest ${digest.title}`));
    },
  );

  for (const published of [true, false]) {
    // Its own decision: publishing the campaign does not publish people's answers.
    app.post<{ Params: { campaign: string } }>(
      `${PAGE}/${published ? "publish" : "unpublish"}`,
      { config: { access: "publish", ...NO_FIELDS } },
      async (request, reply) => {
        const { campaign } = request.params;
        await services.setPublication({
          target: { entity: "digest", campaign },
          published,
          actor: currentUser(request).email,
        });
        reply.flash(published ? "Digest published" : "Digest taken off the public site");
        return reply.redirect(`${campaignPath(campaign)}/digest#publishing`, 303);
      },
    );
  }

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
        return showDigest(services, request, reply, campaign, refused);
      }
      reply.flash("Theme changed");
      return reply.redirect(`${digestPage(campaign, request)}#themes`, 303);
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
          builtAt: textField(body, "built") || undefined,
          actor: currentUser(request).email,
        });
      } catch (error) {
        const refused = actionErrors(error, { value: cell, decision: cell, question: cell }, cell);
        if (!refused) throw error;
        return showDigest(services, request, reply, campaign, { ...refused, values: { [cell]: value } });
      }
      reply.flash("Answer saved");
      return reply.redirect(`${digestPage(campaign, request)}#${encodeURIComponent(cell)}`, 303);
    },
  );
}

/** Bodies a page of the digest shows. */
const BODIES_A_PAGE = 25;

async function showDigest(
  services: DigestSlice,
  request: FastifyRequest,
  reply: FastifyReply,
  campaign: string,
  { status = 200, values = {}, errors = null }: PageState = {},
) {
  const page = pageOf(request.query);
  const digest = await services.campaignDigest(
    { campaign, page, perPage: BODIES_A_PAGE, ...asker(request) },
    logTo(request),
  );
  if (page > digest.paging.pages) return reply.callNotFound();
  return reply
    .code(status)
    .page("manage/digest/digest.njk", { digest, view: digestView(digest), values, errors });
}

/** ?page=N, from 1: none is page 1; anything but a whole number finds no page. */
function pageOf(query: unknown): number {
  const page = (query as { page?: unknown } | undefined)?.page;
  if (typeof page !== "string" || page === "") return 1;
  return /^[1-9][0-9]{0,5}$/.test(page) ? Number(page) : Number.POSITIVE_INFINITY;
}

/** The digest's page the form was on (its action carries ?page=N). */
function digestPage(campaign: string, request: FastifyRequest): string {
  const page = pageOf(request.query);
  return `${campaignPath(campaign)}/digest${page > 1 && Number.isFinite(page) ? `?page=${page}` : ""}`;
}

function asker(request: FastifyRequest) {
  return { actor: currentUser(request).email };
}

function logTo(request: FastifyRequest) {
  return (error: unknown) => request.log.error({ err: error }, "the digest could not be built");
}
