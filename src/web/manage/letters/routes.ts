import { READ } from "../../auth/access.ts";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services.ts";
import { letterActionRoutes } from "./actions.ts";
import { letterFileRoutes } from "./files.ts";
import { showLetter, type LetterParams } from "./letter-page.ts";

/** A letter's page, its files (preview, PDF, DOCX, replies' files) and what can be done to it. */
export function lettersRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: LetterParams; Querystring: { item?: unknown } }>(
    "/manage/campaigns/:campaign/letters/:recipient",
    READ,
    (request, reply) => {
      // The board's "change" link names an item: the form that changes it opens with it chosen.
      const { item } = request.query;
      return showLetter(
        services,
        reply,
        request.params,
        typeof item === "string" ? { values: { item } } : {},
      );
    },
  );
  letterFileRoutes(app, services, "letter");
  letterActionRoutes(app, services);
}
