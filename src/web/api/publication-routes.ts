import type { RedactionInput } from "../../documents/redaction/redact-document.ts";
import type { FastifyInstance } from "fastify";
import type { PublicationTarget } from "../../publishing/publication-target.ts";
import {
  campaignPublication,
  documentParams,
  letterPublication,
  publicationChange,
  redactBody,
  replyParams,
  resolveBody,
} from "./publication-schemas.ts";
import { campaignParams, errorResponses, letterParams } from "./schemas.ts";
import type { PublishingSlice } from "../../publishing/publishing-slice.ts";
import { currentUser } from "../auth/current-user.ts";

type CampaignParams = { campaign: string };
type LetterParams = CampaignParams & { recipient: string };
type DocumentParams = CampaignParams & { document: number };

type RedactBody = RedactionInput & { reason: string };

const TAGS = ["publishing"];

/**
 * Publishing as the staff pages do it: what is public, publish and unpublish
 * a campaign, a letter, a reply or a document, resolve a document's finding
 * and redact its public copy. Every change needs the publish permission and
 * is audited by the use case.
 */
export function publicationRoutes(api: FastifyInstance, services: PublishingSlice): void {
  api.get<{ Params: CampaignParams }>(
    "/campaigns/:campaign/publication",
    {
      config: { access: "read" },
      schema: {
        summary: "Whether a campaign is public, and how many of its letters and documents",
        tags: TAGS,
        params: campaignParams,
        response: { 200: campaignPublication, ...errorResponses(404) },
      },
    },
    (request) => services.campaignPublished(request.params),
  );

  api.get<{ Params: LetterParams }>(
    "/campaigns/:campaign/letters/:recipient/publication",
    {
      config: { access: "read" },
      schema: {
        summary: "What of a letter is public: the letter, each reply and each document with its review",
        description: "Documents are listed once checked: POST …/check-documents checks those never checked.",
        tags: TAGS,
        params: letterParams,
        response: { 200: letterPublication, ...errorResponses(404) },
      },
    },
    (request) => services.letterPublication(request.params),
  );

  api.post<{ Params: LetterParams }>(
    "/campaigns/:campaign/letters/:recipient/check-documents",
    {
      config: { access: "publish" },
      schema: {
        summary: "Check the documents of a letter's replies that were never checked",
        tags: TAGS,
        params: letterParams,
        response: {
          200: { type: "object", properties: { checked: { type: "integer" } } },
          ...errorResponses(403, 404),
        },
      },
    },
    (request) => services.checkLetterDocuments(request.params),
  );

  const changes: {
    path: string;
    params: object;
    what: string;
    target: (params: Record<string, unknown>) => PublicationTarget;
  }[] = [
    {
      path: "/campaigns/:campaign",
      params: campaignParams,
      what: "a campaign (publishing: every sent letter, reply and ready document)",
      target: (params) => ({ entity: "campaign", campaign: String(params["campaign"]) }),
    },
    {
      path: "/campaigns/:campaign/letters/:recipient",
      params: letterParams,
      what: "a sent letter",
      target: (params) => ({
        entity: "letter",
        campaign: String(params["campaign"]),
        recipient: String(params["recipient"]),
      }),
    },
    {
      path: "/campaigns/:campaign/replies/:reply",
      params: replyParams,
      what: "a reply",
      target: (params) => ({
        entity: "reply",
        campaign: String(params["campaign"]),
        reply: Number(params["reply"]),
      }),
    },
    {
      path: "/campaigns/:campaign/documents/:document",
      params: documentParams,
      what: "a document (publishing: once checked and its findings resolved)",
      target: (params) => ({
        entity: "document",
        campaign: String(params["campaign"]),
        document: Number(params["document"]),
      }),
    },
  ];
  for (const { path, params, what, target } of changes) {
    for (const published of [true, false]) {
      api.post<{ Params: Record<string, unknown> }>(
        `${path}/${published ? "publish" : "unpublish"}`,
        {
          config: { access: "publish" },
          schema: {
            summary: `${published ? "Publish" : "Unpublish"} ${what}`,
            tags: TAGS,
            params,
            response: { 200: publicationChange, ...errorResponses(403, 404, 409) },
          },
        },
        (request) =>
          services.setPublication({
            target: target(request.params),
            published,
            actor: currentUser(request).email,
          }),
      );
    }
  }

  api.post<{ Params: DocumentParams; Body: { finding: number; reason: string } }>(
    "/campaigns/:campaign/documents/:document/resolve",
    {
      config: { access: "publish" },
      schema: {
        summary: "Resolve a document's finding: a person decided it may be published, and says why",
        tags: TAGS,
        params: documentParams,
        body: resolveBody,
        response: {
          200: {
            type: "object",
            properties: { finding: { type: "integer" }, resolved: { type: "boolean" } },
          },
          ...errorResponses(403, 404, 409),
        },
      },
    },
    (request) =>
      services.resolveFinding({
        ...request.params,
        finding: request.body.finding,
        reason: request.body.reason,
        actor: currentUser(request).email,
      }),
  );

  api.post<{ Params: DocumentParams; Body: RedactBody }>(
    "/campaigns/:campaign/documents/:document/redact",
    {
      config: { access: "publish" },
      schema: {
        summary: "Redact a document's public copy: exact text, a pattern or a box on a PDF page",
        description: "Each place found shows [redacted]; one that matches nothing is refused (400).",
        tags: TAGS,
        params: documentParams,
        body: redactBody,
        response: {
          200: {
            type: "object",
            properties: {
              document: { type: "integer" },
              places: { type: "integer", description: "How many places were redacted" },
            },
          },
          ...errorResponses(403, 404, 409),
        },
      },
    },
    (request) => {
      const { reason, ...redaction } = request.body;
      return services.addRedaction({
        ...request.params,
        redaction,
        reason,
        actor: currentUser(request).email,
      });
    },
  );
}
