import type { FastifyInstance } from "fastify";
import type { CampaignForm } from "../../campaigns/workspace/campaign-form.ts";
import { asOfQuery, errorResponses, isoDate, todayUtc } from "./schemas.ts";
import { importSummary } from "./workspace-schemas.ts";
import type { CampaignsSlice } from "../../campaigns/workspace/campaigns-slice.ts";
import type { RecordsSlice } from "../../campaigns/records/records-slice.ts";
import { currentUser } from "../auth/current-user.ts";

const count = { type: "integer" } as const;

const campaignSummary = {
  type: "object",
  properties: {
    id: { type: "string" },
    title: { type: "string" },
    date: isoDate,
    templateVersion: count,
    letters: { ...count, description: "First letters; chasers are counted apart" },
    byState: { type: "object", additionalProperties: count },
    sent: count,
    replied: count,
    overdue: { ...count, description: "Sent, and still waiting for a reply after the due date" },
    chasers: count,
  },
} as const;

const text = (description?: string) => ({ type: "string", ...(description ? { description } : {}) });

/** The new-campaign form's fields (src/campaigns/workspace/campaign-form.ts), as JSON. */
const campaignForm = {
  type: "object",
  additionalProperties: false,
  required: ["id", "title", "date", "senderName", "senderAddress", "signatoryName", "signatoryRole"],
  properties: {
    id: text("Lowercase letters, digits and hyphens, e.g. vru-2020"),
    title: text(),
    date: text("The letter's date, YYYY-MM-DD"),
    senderName: text(),
    senderRole: text(),
    senderAddress: text("One address line per line"),
    senderPhone: text(),
    senderEmail: text(),
    signatoryName: text(),
    signatoryRole: text(),
    replyWithin: { ...text('e.g. "20 working days"; empty for no deadline'), default: "" },
    requests: { ...text('One requested item per line, "id: title"'), default: "" },
  },
} as const;

/** The campaigns list, and a new campaign from the same fields as the web form. */
export function campaignListRoutes(api: FastifyInstance, services: CampaignsSlice & RecordsSlice): void {
  api.get<{ Querystring: { asOf?: string } }>(
    "/campaigns",
    {
      config: { access: "read" },
      schema: {
        summary: "Every campaign with its letters counted, newest first",
        tags: ["campaigns"],
        querystring: asOfQuery,
        response: {
          200: {
            type: "object",
            properties: { asOf: isoDate, campaigns: { type: "array", items: campaignSummary } },
          },
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? todayUtc();
      return { asOf, campaigns: await services.listCampaigns({ asOf }) };
    },
  );

  api.post<{ Body: CampaignForm }>(
    "/campaigns",
    {
      config: { access: "write" },
      schema: {
        summary: "Create a campaign: a starter letter and an example recipient, to edit next",
        tags: ["campaigns"],
        body: campaignForm,
        response: { 201: importSummary, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      const summary = await services.createCampaign({
        form: request.body,
        actor: currentUser(request).email,
      });
      return reply.code(201).send(summary);
    },
  );
}
