import { READ } from "../../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { contactRoutes } from "./contact-routes.ts";
import { directoryRows, findEntry, organisationView, parseId } from "./directory-view.ts";
import { organisationRoutes } from "./organisation-routes.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";

/**
 * The directory of public bodies and the people at them. Reading is for every
 * signed-in user; each form lives on a page of its own (one thing per page),
 * so every field's id is its name and the error summary links straight to it.
 */
export function directoryRoutes(app: FastifyInstance, services: CampaignsSlice): void {
  app.get<{ Querystring: { text?: unknown } }>("/manage/directory", READ, async (request, reply) => {
    const text = typeof request.query.text === "string" ? request.query.text : "";
    const entries = await services.listOrganisations();
    return reply.page("manage/directory/directory.njk", {
      text,
      total: entries.length,
      rows: directoryRows(entries, text),
    });
  });

  // /manage/directory/new: Fastify matches that static path before /:id.
  organisationRoutes(app, services);

  app.get<{ Params: { id: string } }>("/manage/directory/:id", READ, async (request, reply) => {
    const entry = findEntry(await services.listOrganisations(), parseId(request.params.id, "organisation"));
    return reply.page("manage/directory/organisation.njk", { organisation: organisationView(entry) });
  });

  contactRoutes(app, services);
}
