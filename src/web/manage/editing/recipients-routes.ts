import { READ } from "../../auth/access.ts";
import { uploadRoute } from "../../plugins/body-limits.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ImportSummary } from "../../../campaigns/records/import-campaign.ts";
import type { Services } from "../../../services.ts";
import { uploadedFiles } from "../../forms/form-body.ts";
import { formErrors, type FormErrors } from "../../forms/form-errors.ts";
import { actorOf, alreadySent, campaignPath, inputErrors, plural } from "./editing-forms.ts";

type Params = { Params: { campaign: string } };

/**
 * The recipients as the campaign's file lists them, and a new file to
 * replace them: every row is checked first, and one bad row imports nothing.
 * The import posts to the page's own address, so no recipient id (not even
 * "import") is shadowed by it under /recipients/:recipient.
 */
export function recipientsRoutes(app: FastifyInstance, services: Services): void {
  const path = "/manage/campaigns/:campaign/recipients";

  app.get<Params>(path, READ, (request, reply) => showRecipients(services, reply, request.params.campaign));

  app.post<Params>(path, uploadRoute("write", { files: 1 }), async (request, reply) => {
    const { campaign } = request.params;
    const [file] = uploadedFiles(request.body as Record<string, unknown>, "file");
    if (!file) {
      const errors = formErrors([{ field: "file", message: "Select a CSV or Excel (.xlsx) file" }]);
      return showRecipients(services, reply.code(400), campaign, errors);
    }
    try {
      const summary = await services.importRecipients({
        campaign,
        fileName: file.fileName,
        bytes: file.bytes,
        actor: actorOf(request),
      });
      reply.flash(importedText(summary));
      return reply.redirect(`${campaignPath(summary.campaign)}/recipients`, 303);
    } catch (error) {
      const errors = inputErrors(error, "file", ["file"]);
      return showRecipients(services, reply.code(400), campaign, errors);
    }
  });
}

async function showRecipients(
  services: Services,
  reply: FastifyReply,
  campaign: string,
  errors: FormErrors | null = null,
) {
  const sources = await services.campaignSources({ campaign });
  return reply.page("manage/editing/recipients.njk", {
    sources,
    base: campaignPath(sources.campaign),
    errors,
  });
}

/** "5 recipients imported: 1 letter created, 4 revised". */
function importedText(summary: ImportSummary): string {
  const { created, revised, unchanged, alreadySent: sent } = summary.letters;
  const count = created + revised + unchanged + sent.length;
  const rest = unchanged > 0 ? `, ${unchanged} unchanged` : "";
  return `${plural(count, "recipient")} imported: ${plural(created, "letter")} created, ${revised} revised${rest}${alreadySent(sent)}`;
}
