import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services.ts";
import { newCampaignRoutes } from "./new-campaign-routes.ts";
import { recipientRoutes } from "./recipient-routes.ts";
import { recipientsRoutes } from "./recipients-routes.ts";
import { templateRoutes } from "./template-routes.ts";
import { uploadRoutes } from "./upload-routes.ts";
import { settingsRoutes } from "./settings-routes.ts";

/**
 * Editing a campaign's folder from the web: creating one, uploading one as a
 * zip, its letter template and its recipients. Each change writes a new
 * version of the folder and imports it (src/campaigns/workspace); every write
 * needs the "write" permission, and bad input changes nothing.
 */
export function editingRoutes(app: FastifyInstance, services: Services): void {
  newCampaignRoutes(app, services);
  uploadRoutes(app, services);
  templateRoutes(app, services, "letter");
  templateRoutes(app, services, "chaser");
  recipientsRoutes(app, services);
  recipientRoutes(app, services);
  settingsRoutes(app, services);
}
