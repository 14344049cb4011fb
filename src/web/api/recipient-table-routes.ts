import type { FastifyInstance } from "fastify";
import { acceptFiles, bytesOf, CSV, fileBody, tooLarge, XLSX } from "./file-bodies.ts";
import { campaignParams, errorResponses } from "./schemas.ts";
import { importSummary } from "./workspace-schemas.ts";
import type { CampaignsSlice } from "../../campaigns/workspace/campaigns-slice.ts";
import { currentUser } from "../auth/current-user.ts";

const TABLES = [CSV, XLSX];
/** The name the use case reads the table by (and names it in its messages), from its media type. */
const FILE_NAMES: Record<string, string> = { [CSV]: "recipients.csv", [XLSX]: "recipients.xlsx" };

const { body, validatorCompiler } = fileBody(
  TABLES,
  "The recipients table: CSV text or an .xlsx workbook, a header row then one row per recipient",
);

/** PUT /api/campaigns/:campaign/recipients: every recipient replaced from a table, or none if a row is bad. */
export function recipientTableRoutes(api: FastifyInstance, services: CampaignsSlice): void {
  // A plugin of its own, so the CSV and XLSX parsers and their 20 MB limit apply to this route only.
  void api.register(async (scope) => {
    acceptFiles(scope, TABLES);
    scope.put<{ Params: { campaign: string } }>(
      "/campaigns/:campaign/recipients",
      {
        config: { access: "write" },
        validatorCompiler,
        schema: {
          summary: "Replace the recipients; one bad row (all are listed in `problems`) and nothing changes",
          tags: ["editing"],
          params: campaignParams,
          body,
          response: { 200: importSummary, ...errorResponses(403, 404, 409), ...tooLarge },
        },
      },
      (request) => {
        const bytes = bytesOf(request, TABLES);
        const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        return services.importRecipients({
          campaign: request.params.campaign,
          fileName: FILE_NAMES[type] ?? "recipients.csv",
          bytes,
          actor: currentUser(request).email,
        });
      },
    );
  });
}
