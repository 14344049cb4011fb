import type { FastifyInstance } from "fastify";
import { contactFields, idParams, savedContact } from "./directory-schemas.ts";
import { errorResponses } from "./schemas.ts";
import type { CampaignsSlice } from "../../campaigns/workspace/campaigns-slice.ts";
import { currentUser } from "../auth/current-user.ts";

type Contact = { contactId?: number; name: string; role?: string; email?: string };

/** POST /api/directory/:id/contacts: a person at a public body, added or changed. */
export function directoryContactRoutes(api: FastifyInstance, services: CampaignsSlice): void {
  api.post<{ Params: { id: number }; Body: Contact }>(
    "/directory/:id/contacts",
    {
      config: { access: "write" },
      schema: {
        summary:
          "Add a person at an organisation (one of the same name is updated), or change one by contactId",
        tags: ["directory"],
        params: idParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["name"],
          properties: {
            contactId: { type: "integer", description: "The contact to change" },
            ...contactFields,
          },
        },
        response: { 200: savedContact, 201: savedContact, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const contact = await services.saveContact({
        ...request.body,
        organisationId: request.params.id,
        actor: currentUser(request).email,
      });
      return reply.code(contact.created ? 201 : 200).send(contact);
    },
  );
}
