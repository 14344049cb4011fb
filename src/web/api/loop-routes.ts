import type { FastifyInstance } from "fastify";
import type { LetterKind } from "../../campaigns/queries/find-letter.ts";
import type { RecordsSlice } from "../../campaigns/records/records-slice.ts";
import { SETTINGS_FIELDS, type CampaignSettings } from "../../campaigns/workspace/campaign-settings.ts";
import type { CampaignsSlice } from "../../campaigns/workspace/campaigns-slice.ts";
import { PostbagError } from "../../errors.ts";
import type { MailOutSlice } from "../../mail-out/mail-out-slice.ts";
import type { Runtime } from "../../services.ts";
import { can } from "../../users/permissions.ts";
import { currentUser } from "../auth/current-user.ts";
import { importSummary } from "./workspace-schemas.ts";
import { campaignParams, errorResponses, letterKind, letterParams } from "./schemas.ts";

// The daily loop's actions the staff pages have: send by email (letters or
// chasers, one, several or all), withdraw with a reason, and the campaign's
// settings read and changed.

const kind = letterKind;
const strings = { type: "array", items: { type: "string" } } as const;
const settingsProperties = Object.fromEntries(SETTINGS_FIELDS.map((field) => [field, { type: "string" }]));

type Services = RecordsSlice & MailOutSlice & CampaignsSlice & Pick<Runtime, "config">;
type SendBody = { recipient?: string; recipients?: string[]; kind: LetterKind; dryRun: boolean };

export function loopRoutes(api: FastifyInstance, services: Services): void {
  api.post<{ Params: { campaign: string }; Body: SendBody }>(
    "/campaigns/:campaign/send",
    {
      config: { access: "write" },
      schema: {
        summary: "Queue letters (or chasers) to go by email; the worker `postbag serve` runs sends them",
        tags: ["letters"],
        params: campaignParams,
        body: {
          type: "object",
          additionalProperties: false,
          properties: {
            recipient: { type: "string", description: "One recipient; a returned letter is sent again" },
            recipients: { ...strings, description: "Several, as if each were named" },
            kind,
            dryRun: { type: "boolean", default: false, description: "Say what would be queued" },
          },
        },
        response: {
          200: {
            type: "object",
            properties: {
              campaign: { type: "string" },
              via: { type: "string" },
              dryRun: { type: "boolean" },
              queued: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    recipient: { type: "string" },
                    to: { type: "string" },
                    messageId: { type: "string" },
                  },
                },
              },
              skipped: {
                type: "array",
                items: {
                  type: "object",
                  properties: { recipient: { type: "string" }, reason: { type: "string" } },
                },
              },
            },
          },
          ...errorResponses(403, 404, 409),
        },
      },
    },
    (request) => {
      if (!services.config.smtp.host) {
        throw new PostbagError("bad_input", "email is not set up on this server (POSTBAG_SMTP_HOST)", {
          field: "via",
        });
      }
      return services.enqueueLetters({
        campaign: request.params.campaign,
        ...request.body,
        via: "email",
        actor: currentUser(request).email,
      });
    },
  );

  api.post<{ Params: { campaign: string; recipient: string }; Body: { reason: string; kind: LetterKind } }>(
    "/campaigns/:campaign/letters/:recipient/withdraw",
    {
      config: { access: "write" },
      schema: {
        summary: "Withdraw a letter (and its chasers not yet sent) or a chaser, with the reason",
        tags: ["letters"],
        params: letterParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["reason"],
          properties: { reason: { type: "string", maxLength: 500 }, kind },
        },
        response: {
          200: {
            type: "object",
            properties: {
              campaign: { type: "string" },
              recipient: { type: "string" },
              withdrawn: { type: "integer", description: "Letters and chasers withdrawn" },
            },
          },
          ...errorResponses(403, 404, 409),
        },
      },
    },
    (request) =>
      services.withdrawLetter({ ...request.params, ...request.body, actor: currentUser(request).email }),
  );

  api.get<{ Params: { campaign: string } }>(
    "/campaigns/:campaign/settings",
    {
      config: { access: "read" },
      schema: {
        summary: "A campaign's title, purpose, requested items, reply window and chase interval",
        tags: ["campaigns"],
        params: campaignParams,
        response: {
          200: {
            type: "object",
            properties: { campaign: { type: "string" }, version: { type: "string" }, ...settingsProperties },
          },
          ...errorResponses(404),
        },
      },
    },
    (request) => services.campaignSettings({ campaign: request.params.campaign }),
  );

  api.put<{
    Params: { campaign: string };
    Body: Omit<CampaignSettings, "questions"> & { questions?: string; version: string };
  }>(
    "/campaigns/:campaign/settings",
    {
      config: { access: "write" },
      schema: {
        summary:
          "Change the settings (campaign.yaml edited and imported; a published campaign's text needs publish too)",
        tags: ["campaigns"],
        params: campaignParams,
        body: {
          type: "object",
          additionalProperties: false,
          // The digest's questions came later: a client that does not send them keeps them as they are.
          required: [...SETTINGS_FIELDS.filter((field) => field !== "questions"), "version"],
          properties: { ...settingsProperties, version: { type: "string" } },
        },
        response: { 200: importSummary, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => {
      const { version, questions, ...rest } = request.body;
      const kept =
        questions ?? (await services.campaignSettings({ campaign: request.params.campaign })).questions;
      return services.saveCampaignSettings({
        campaign: request.params.campaign,
        settings: { ...rest, questions: kept },
        version,
        actor: currentUser(request).email,
        mayChangePublicText: can(currentUser(request).role, "publish"),
      });
    },
  );
}
