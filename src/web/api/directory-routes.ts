import { WRITE } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { PostbagError } from "../../errors.ts";
import { entry, idParams, organisationFields, savedOrganisation } from "./directory-schemas.ts";
import { errorResponses } from "./schemas.ts";
import type { CampaignsSlice } from "../../campaigns/workspace/campaigns-slice.ts";
import { currentUser } from "../auth/current-user.ts";

type Organisation = { name: string; kind?: string; nation?: string | null; website?: string };
type OfOrganisation<Body = unknown> = { Params: { id: number }; Body: Body };

/** The directory of public bodies (the people at them: directory-contact-routes.ts). */
export function directoryRoutes(api: FastifyInstance, services: CampaignsSlice): void {
  const tags = ["directory"];

  api.get(
    "/directory",
    {
      config: { access: "read" },
      schema: {
        summary: "Every organisation, by name, with its contacts and campaigns",
        tags,
        response: {
          200: { type: "object", properties: { organisations: { type: "array", items: entry } } },
          ...errorResponses(),
        },
      },
    },
    async () => ({ organisations: await services.listOrganisations() }),
  );

  api.post<{ Body: Organisation }>(
    "/directory",
    {
      ...WRITE,
      schema: {
        summary: "Add an organisation",
        tags,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["name"],
          properties: organisationFields,
        },
        response: { 201: savedOrganisation, ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      const added = await services.saveOrganisation({ ...request.body, actor: currentUser(request).email });
      return reply.code(201).send(added);
    },
  );

  api.patch<OfOrganisation<Partial<Organisation>>>(
    "/directory/:id",
    {
      ...WRITE,
      schema: {
        summary: "Change an organisation: the fields sent, the others kept",
        tags,
        params: idParams,
        body: { type: "object", additionalProperties: false, properties: organisationFields },
        response: { 200: savedOrganisation, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      // saveOrganisation replaces every field: the ones not sent keep their current value.
      const current = (await services.listOrganisations()).find((body) => body.id === request.params.id);
      if (!current) throw new PostbagError("not_found", `there is no organisation ${request.params.id}`);
      const { name, kind, nation, website } = current;
      return services.saveOrganisation({
        name,
        kind,
        nation,
        website,
        ...request.body,
        id: current.id,
        actor: currentUser(request).email,
      });
    },
  );
}
