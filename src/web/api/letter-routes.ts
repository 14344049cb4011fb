import type { FastifyInstance } from "fastify";
import type { LetterKind } from "../../campaigns/queries/find-letter.ts";
import type { Format } from "../../letters/model.ts";
import { attachment } from "../manage/letters/files.ts";
import { letterDetail } from "./letter-detail-schema.ts";
import { errorResponses, isoDate, letterKind, letterParams, todayUtc } from "./schemas.ts";
import type { LettersSlice } from "../../letters/letters-slice.ts";
import type { RecordsSlice } from "../../campaigns/records/records-slice.ts";

type Params = { campaign: string; recipient: string };

const kind = letterKind;

const MEDIA_TYPES: Record<Format, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html",
  txt: "text/plain",
};
const binary = { schema: { type: "string", format: "binary" } };

/** One letter: everything its page shows, and the letter as a file. */
export function letterRoutes(api: FastifyInstance, services: LettersSlice & RecordsSlice): void {
  const path = "/campaigns/:campaign/letters/:recipient";

  api.get<{ Params: Params; Querystring: { asOf?: string; kind: LetterKind } }>(
    path,
    {
      config: { access: "read" },
      schema: {
        summary: "A letter: its state, versions, composed content, items, replies, sends and chasers",
        tags: ["letters"],
        params: letterParams,
        querystring: {
          type: "object",
          properties: {
            asOf: { ...isoDate, description: "The day to judge overdue on; default today (UTC)" },
            kind,
          },
        },
        response: { 200: letterDetail, ...errorResponses(404) },
      },
    },
    (request) =>
      services.letterDetail({
        ...request.params,
        kind: request.query.kind,
        asOf: request.query.asOf ?? todayUtc(),
      }),
  );

  api.get<{ Params: Params; Querystring: { format: Format; kind: LetterKind } }>(
    `${path}/file`,
    {
      config: { access: "read" },
      schema: {
        summary: "The letter as a file; an approved letter's PDF is the one kept on approval",
        tags: ["letters"],
        params: letterParams,
        querystring: {
          type: "object",
          properties: { format: { type: "string", enum: Object.keys(MEDIA_TYPES), default: "pdf" }, kind },
        },
        response: {
          200: {
            description: "The file, as an attachment",
            content: Object.fromEntries(Object.values(MEDIA_TYPES).map((type) => [type, binary])),
          },
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const file = await services.letterFile({ ...request.params, ...request.query });
      return reply
        .header("content-disposition", attachment(file.fileName))
        .header("cache-control", "no-store")
        .type(file.mediaType)
        .send(Buffer.from(file.bytes));
    },
  );
}
