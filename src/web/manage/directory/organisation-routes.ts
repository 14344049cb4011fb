import { WRITE } from "../../auth/access.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import { isPostbagError } from "../../../errors.ts";
import { textField } from "../../forms/form-body.ts";
import { formErrorsFrom, type FormErrors } from "../../forms/form-errors.ts";
import { findEntry, nationItems, parseId } from "./directory-view.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";

const TEMPLATE = "manage/directory/organisation-form.njk";
const FIELDS = ["name", "kind", "nation", "website"];
type Params = { Params: { id: string } };
type Values = Record<string, string>;

/** Adding an organisation, and changing one's name, kind, nation and website. */
export function organisationRoutes(app: FastifyInstance, services: CampaignsSlice): void {
  app.get("/manage/directory/new", WRITE, (_request, reply) => form(reply, null, {}));

  app.post("/manage/directory/new", WRITE, (request, reply) => save(request.body, reply, null));

  app.get<Params>("/manage/directory/:id/edit", WRITE, async (request, reply) => {
    const entry = findEntry(await services.listOrganisations(), parseId(request.params.id, "organisation"));
    const values = { name: entry.name, kind: entry.kind, nation: entry.nation ?? "", website: entry.website };
    return form(reply, { id: entry.id, name: entry.name }, values);
  });

  app.post<Params>("/manage/directory/:id/edit", WRITE, async (request, reply) => {
    const entry = findEntry(await services.listOrganisations(), parseId(request.params.id, "organisation"));
    return save(request.body, reply, { id: entry.id, name: entry.name });
  });

  async function save(body: unknown, reply: FastifyReply, existing: { id: number; name: string } | null) {
    const values = Object.fromEntries(FIELDS.map((field) => [field, textField(body as Values, field)]));
    try {
      const saved = await services.saveOrganisation({
        id: existing?.id,
        name: values.name ?? "",
        kind: values.kind,
        nation: values.nation,
        website: values.website,
        actor: reply.request.user?.email ?? "",
      });
      reply.flash(saved.created ? `${saved.name} added to the directory` : `${saved.name} saved`);
      return reply.redirect(`/manage/directory/${saved.id}`, 303);
    } catch (error) {
      // Only what the user typed is shown on the form; an unknown id stays a 404.
      if (!isPostbagError(error) || error.code !== "bad_input") throw error;
      return form(reply.code(400), existing, values, formErrorsFrom(error, "name", FIELDS));
    }
  }
}

function form(
  reply: FastifyReply,
  existing: { id: number; name: string } | null,
  values: Values,
  errors?: FormErrors | null,
) {
  return reply.page(TEMPLATE, { existing, values, nations: nationItems(values.nation), errors });
}
