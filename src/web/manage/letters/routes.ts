import { READ } from "../../auth/access.ts";
import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services.ts";
import { letterActionRoutes } from "./actions.ts";
import { letterFileRoutes } from "./files.ts";
import { showLetter, type LetterParams } from "./letter-page.ts";

/** A letter's page, its files (preview, PDF, DOCX, replies' files) and what can be done to it. */
export function lettersRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: LetterParams }>(
    "/manage/campaigns/:campaign/letters/:recipient",
    READ,
    (request, reply) => showLetter(services, reply, request.params),
  );
  letterFileRoutes(app, services, "letter");
  letterActionRoutes(app, services);
}
