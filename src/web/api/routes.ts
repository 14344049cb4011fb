import type { FastifyInstance } from "fastify";
import type { Services } from "../../services.ts";
import { campaignFolderRoutes } from "./campaign-folder-routes.ts";
import { campaignListRoutes } from "./campaign-list-routes.ts";
import { campaignRoutes } from "./campaign-routes.ts";
import { chaserListRoutes } from "./chaser-list-routes.ts";
import { chaserRoutes } from "./chaser-routes.ts";
import { directoryContactRoutes } from "./directory-contact-routes.ts";
import { directoryRoutes } from "./directory-routes.ts";
import { letterRoutes } from "./letter-routes.ts";
import { loopRoutes } from "./loop-routes.ts";
import { meRoutes } from "./me-routes.ts";
import { openApi } from "./openapi.ts";
import { publicationRoutes } from "./publication-routes.ts";
import { recipientRoutes } from "./recipient-routes.ts";
import { recipientTableRoutes } from "./recipient-table-routes.ts";
import { replyRoutes } from "./reply-routes.ts";
import { strictRequestSchemas } from "./strict-schemas.ts";
import { statusRoutes } from "./status-routes.ts";
import { templateRoutes } from "./template-routes.ts";
import { tokenRoutes } from "./token-routes.ts";
import { userRoutes } from "./user-routes.ts";

/**
 * The JSON API's endpoints, a group per file. To add some: write
 * `fooRoutes(api, services)` in its own file, with a JSON schema for the
 * request and each response (see schemas.ts; the OpenAPI document is made
 * from them), paths relative to /api, `config: { permission }` when it is
 * more than "read", and add it to this list.
 */
const GROUPS: ((api: FastifyInstance, services: Services) => void)[] = [
  meRoutes,
  statusRoutes,
  campaignRoutes,
  replyRoutes,
  chaserRoutes,
  loopRoutes,
  // The staff pages' other actions, so a client can do all they do.
  campaignListRoutes,
  campaignFolderRoutes,
  templateRoutes,
  recipientTableRoutes,
  recipientRoutes,
  letterRoutes,
  chaserListRoutes,
  directoryRoutes,
  directoryContactRoutes,
  userRoutes,
  tokenRoutes,
  // Publishing: what is public, and the decisions that change it.
  publicationRoutes,
];

/** Bearer tokens, never cookies: authenticate() resolves the token and checks each route's permission. */
export async function apiRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await openApi(app);
  await app.register(
    async (api) => {
      strictRequestSchemas(api);
      for (const group of GROUPS) group(api, services);
    },
    { prefix: "/api" },
  );
}
