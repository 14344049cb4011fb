import { READ } from "../../auth/access.ts";
import { uploadRoute } from "../../plugins/body-limits.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ImportSummary } from "../../../campaigns/records/import-campaign.ts";
import { BACKGROUND_IMPORT_BYTES } from "../../../campaigns/workspace/import-recipients-task.ts";
import type { TaskView } from "../../../tasks/background-tasks.ts";
import { uploadedFiles } from "../../forms/form-body.ts";
import { formErrors, type FormErrors } from "../../forms/form-errors.ts";
import { actorOf, alreadySent, campaignPath, departedText, inputErrors, plural } from "./editing-forms.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";

type Params = { Params: { campaign: string }; Querystring: { task?: unknown } };

/**
 * The recipients as the campaign's file lists them, and a new file to
 * replace them: every row is checked first, and one bad row imports nothing.
 * The import posts to the page's own address, so no recipient id (not even
 * "import") is shadowed by it under /recipients/:recipient.
 */
export function recipientsRoutes(app: FastifyInstance, services: CampaignsSlice & RecordsSlice): void {
  const path = "/manage/campaigns/:campaign/recipients";

  app.get<Params>(path, READ, async (request, reply) => {
    const { campaign } = request.params;
    const id = typeof request.query.task === "string" ? Number(request.query.task) : null;
    const task = id !== null && Number.isSafeInteger(id) ? await services.findTask({ id, campaign }) : null;
    return showRecipients(services, reply, campaign, task ? taskErrors(task) : null, task);
  });

  app.post<Params>(path, uploadRoute("write", { files: 1 }), async (request, reply) => {
    const { campaign } = request.params;
    const [file] = uploadedFiles(request.body as Record<string, unknown>, "file");
    if (!file) {
      const errors = formErrors([{ field: "file", message: "Select a CSV or Excel (.xlsx) file" }]);
      return showRecipients(services, reply.code(400), campaign, errors);
    }
    // A large file takes tens of seconds: imported in the background, its progress on this page.
    if (file.bytes.length > BACKGROUND_IMPORT_BYTES) {
      const task = await services.startRecipientsImport(
        { campaign, fileName: file.fileName, bytes: file.bytes, actor: actorOf(request) },
        (error) => request.log.error({ err: error }, "recipients import failed"),
      );
      return reply.redirect(`${campaignPath(campaign)}/recipients?task=${task}`, 303);
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
  services: CampaignsSlice & RecordsSlice,
  reply: FastifyReply,
  campaign: string,
  errors: FormErrors | null = null,
  task: TaskView | null = null,
) {
  const sources = await services.campaignSources({ campaign });
  return reply.page("manage/editing/recipients.njk", {
    sources,
    base: campaignPath(sources.campaign),
    errors,
    task: task && taskView(task),
  });
}

/** A background import's panel: where it got to, or what it did. */
function taskView(task: TaskView) {
  const counted =
    task.total > 0 ? `: ${task.done.toLocaleString("en-GB")} of ${task.total.toLocaleString("en-GB")}` : "";
  return {
    id: task.id,
    state: task.state,
    progress: `${task.step}${task.state === "running" ? counted : ""}`,
    done: task.state === "done" ? importedText(task.outcome as ImportSummary) : null,
  };
}

/** A failed background import's problems, as the form's own errors would be. */
function taskErrors(task: TaskView): FormErrors | null {
  if (task.state !== "failed") return null;
  const { problems = [] } = (task.outcome ?? {}) as { problems?: { message: string }[] };
  const messages = problems.length > 0 ? problems.map((problem) => problem.message) : [task.step];
  return formErrors(messages.map((message) => ({ field: "file", message })));
}

/** "5 recipients imported: 1 letter created, 4 revised". */
function importedText(summary: ImportSummary): string {
  const { created, revised, unchanged, alreadySent: sent } = summary.letters;
  const count = created + revised + unchanged + sent.length;
  const rest = unchanged > 0 ? `, ${unchanged} unchanged` : "";
  return `${plural(count, "recipient")} imported: ${plural(created, "letter")} created, ${revised} revised${rest}${alreadySent(sent)}${departedText(summary.departed)}`;
}
