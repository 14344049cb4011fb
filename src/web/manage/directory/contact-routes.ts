import { WRITE } from "../../auth/access.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { DirectoryEntry } from "../../../campaigns/queries/directory.ts";
import { isPostbagError, PostbagError } from "../../../errors.ts";
import { textField } from "../../forms/form-body.ts";
import { formErrorsFrom, type FormErrors } from "../../forms/form-errors.ts";
import { findEntry, parseId } from "./directory-view.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";

const TEMPLATE = "manage/directory/contact-form.njk";
const FIELDS = ["name", "role", "email"];
type Params = { Params: { id: string; contactId?: string } };
type Contact = DirectoryEntry["contacts"][number];

/** Adding a person at an organisation, and changing one. */
export function contactRoutes(app: FastifyInstance, services: CampaignsSlice): void {
  const base = "/manage/directory/:id/contacts";

  /** The organisation in the URL and, on an edit page, its contact; else a 404. */
  async function lookUp(params: Params["Params"]) {
    const entry = findEntry(await services.listOrganisations(), parseId(params.id, "organisation"));
    if (params.contactId === undefined) return { entry, contact: null };
    const contactId = parseId(params.contactId, "contact");
    const contact = entry.contacts.find((candidate) => candidate.id === contactId);
    if (!contact) throw new PostbagError("not_found", `${entry.name} has no contact ${contactId}`);
    return { entry, contact };
  }

  app.get<Params>(`${base}/new`, WRITE, async (request, reply) => {
    const { entry } = await lookUp(request.params);
    return form(reply, entry, null, {});
  });

  app.get<Params>(`${base}/:contactId`, WRITE, async (request, reply) => {
    const { entry, contact } = await lookUp(request.params);
    return form(reply, entry, contact, { ...contact });
  });

  for (const path of [`${base}/new`, `${base}/:contactId`]) {
    app.post<Params>(path, WRITE, async (request, reply) => {
      const { entry, contact } = await lookUp(request.params);
      const body = request.body as Record<string, unknown>;
      const values = Object.fromEntries(FIELDS.map((field) => [field, textField(body, field)]));
      try {
        const saved = await services.saveContact({
          organisationId: entry.id,
          contactId: contact?.id,
          name: values.name ?? "",
          role: values.role,
          email: values.email,
          actor: request.user?.email ?? "",
        });
        // Adding someone already listed (same name) updates them, as an import would: say which it was.
        reply.flash(saved.created ? `${saved.name} added to ${entry.name}` : `${saved.name}'s details saved`);
        return reply.redirect(`/manage/directory/${entry.id}`, 303);
      } catch (error) {
        if (!isPostbagError(error) || error.code !== "bad_input") throw error;
        return form(reply.code(400), entry, contact, values, formErrorsFrom(error, "name", FIELDS));
      }
    });
  }
}

function form(
  reply: FastifyReply,
  entry: DirectoryEntry,
  contact: Contact | null,
  values: Record<string, unknown>,
  errors?: FormErrors | null,
) {
  return reply.page(TEMPLATE, { organisation: { id: entry.id, name: entry.name }, contact, values, errors });
}
