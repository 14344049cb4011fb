import { READ } from "../../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import { parseBoardFilters } from "../../../campaigns/queries/board-filters.ts";
import { boardSummary, filterBoard } from "../../../campaigns/queries/board.ts";
import { isPostbagError } from "../../../errors.ts";
import { formErrorsFrom } from "../../forms/form-errors.ts";
import { boardRows, filterOptions, sendProblemRows, stateTag } from "./board-view.ts";
import { boardPublication } from "./publication-view.ts";
import { replyChart } from "./reply-chart.ts";
import { attachment } from "../letters/files.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";
import type { PublishingSlice } from "../../../publishing/publishing-slice.ts";
import type { MailOutSlice } from "../../../mail-out/mail-out-slice.ts";

const FILTER_FIELDS = ["state", "item", "itemState", "overdue", "text"];

const TABLE_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export function campaignsRoutes(
  app: FastifyInstance,
  services: PublishingSlice & RecordsSlice & Pick<MailOutSlice, "sendProblems">,
): void {
  app.get("/manage", READ, async (_request, reply) => {
    const campaigns = await services.listCampaigns({ asOf: today() });
    return reply.page("manage/campaigns/campaigns.njk", { campaigns });
  });

  app.get<{ Params: { campaign: string }; Querystring: Record<string, unknown> }>(
    "/manage/campaigns/:campaign",
    READ,
    async (request, reply) => {
      const status = await services.campaignStatus({ campaign: request.params.campaign, asOf: today() });
      const points = await services.repliesOverTime({ campaign: status.campaign });
      let filters = {};
      let errors = null;
      try {
        filters = parseBoardFilters(
          request.query,
          status.requests.map((request) => request.id),
        );
      } catch (error) {
        if (!isPostbagError(error)) throw error;
        errors = formErrorsFrom(error, "state", FILTER_FIELDS);
      }
      const letters = filterBoard(status, filters);
      return reply.code(errors ? 400 : 200).page("manage/campaigns/board.njk", {
        status,
        summary: boardSummary(status),
        stateTags: Object.fromEntries(status.letters.map((letter) => [letter.state, stateTag(letter.state)])),
        rows: boardRows(status, letters),
        filters,
        filtered: Object.keys(filters).length > 0,
        options: filterOptions(status, filters),
        chart: replyChart(points, status.totals.letters),
        sendProblems: sendProblemRows(
          status.campaign,
          await services.sendProblems({ campaign: status.campaign }),
        ),
        publication: await boardPublication(services, status, request.query),
        errors,
      });
    },
  );

  // The board's table as a file, as `postbag export` writes it.
  for (const format of ["csv", "xlsx"] as const) {
    app.get<{ Params: { campaign: string } }>(
      `/manage/campaigns/:campaign/status.${format}`,
      READ,
      async (request, reply) => {
        const asOf = today();
        const file = await services.statusFile({ campaign: request.params.campaign, asOf, format });
        return reply
          .header("content-disposition", attachment(`${file.campaign}-status-${asOf}.${format}`))
          .header("cache-control", "no-store")
          .type(TABLE_TYPES[format])
          .send(file.bytes);
      },
    );
  }
}
