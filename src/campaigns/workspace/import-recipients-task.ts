import { isPostbagError, problemsOf } from "../../errors.ts";
import { endTask, startTask, taskReporter } from "../../tasks/background-tasks.ts";
import type { ImportSummary } from "../records/import-campaign.ts";
import type { WorkspaceDeps } from "./campaign-workspace.ts";
import { importRecipients, type ImportRecipientsOptions } from "./import-recipients.ts";

// A recipients file too large to import while its request waits (thousands
// of rows take tens of seconds) is imported as a background task: the
// request gets the task's id at once, and the task's row in the database
// says how far it got and, at the end, what it did or every problem found.
// All or nothing, as an import in the request would be.

export const TASK_KIND = "recipients-import";
/** Files larger than this are imported in the background. */
export const BACKGROUND_IMPORT_BYTES = 1024 * 1024;

export interface RecipientsImportTaskDeps extends WorkspaceDeps {
  /** Where a failure Postbag did not foresee is told (the server's log). */
  logError: (error: unknown) => void;
}

/** Starts the import and says its task's id; the import goes on after this returns. */
export async function startRecipientsImport(
  options: Omit<ImportRecipientsOptions, "onProgress">,
  deps: RecipientsImportTaskDeps,
): Promise<number> {
  const id = await startTask(
    { kind: TASK_KIND, campaign: options.campaign, actor: options.actor, step: "Waiting to start" },
    deps,
  );
  void runImport(id, options, deps);
  return id;
}

async function runImport(
  id: number,
  options: Omit<ImportRecipientsOptions, "onProgress">,
  deps: RecipientsImportTaskDeps,
): Promise<void> {
  try {
    const summary: ImportSummary = await importRecipients(
      { ...options, onProgress: taskReporter(id, deps) },
      deps,
    );
    await endTask(id, { state: "done", outcome: summary, step: "Imported" }, deps);
  } catch (error) {
    const expected = isPostbagError(error) && !["internal", "database"].includes(error.code);
    if (!expected) deps.logError(error);
    const problems = expected
      ? problemsOf(error)
      : [{ message: "Postbag could not finish the import", detail: "" }];
    await endTask(id, { state: "failed", outcome: { problems }, step: "Nothing was imported" }, deps).catch(
      deps.logError,
    );
  }
}
