import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.ts";
import { accountRoutes } from "./account/routes.ts";
import { campaignsRoutes } from "./campaigns/routes.ts";
import { selectedRoutes } from "./campaigns/selected-routes.ts";
import { chasersRoutes } from "./chasers/routes.ts";
import { digestRoutes } from "./digest/routes.ts";
import { directoryRoutes } from "./directory/routes.ts";
import { documentRoutes } from "./documents/routes.ts";
import { editingRoutes } from "./editing/routes.ts";
import { inboxRoutes } from "./inbox/routes.ts";
import { lettersRoutes } from "./letters/routes.ts";
import { letterPublicationRoutes } from "./letters/publication-routes.ts";
import { campaignPublicationRoutes } from "./campaigns/publication-routes.ts";
import { usersRoutes } from "./users/routes.ts";

/**
 * The staff app, one folder per journey step. Every route here is under
 * /manage, so authenticate() has already refused anyone not signed in, and
 * checks each route's `config.permission` (default "read").
 */
export function manageRoutes(app: FastifyInstance, services: Services): void {
  campaignsRoutes(app, services);
  selectedRoutes(app, services);
  lettersRoutes(app, services);
  // Publishing: the campaign, a letter and its replies, each document after its review.
  campaignPublicationRoutes(app, services);
  letterPublicationRoutes(app, services);
  documentRoutes(app, services);
  chasersRoutes(app, services);
  digestRoutes(app, services, services.config.office.publicUrl);
  editingRoutes(app, services);
  directoryRoutes(app, services);
  inboxRoutes(app, services);
  usersRoutes(app, services);
  accountRoutes(app, services);
}
