import Fastify, { type FastifyInstance } from "fastify";
import type { Services } from "../services.ts";
import type { Permission } from "../users/permissions.ts";
import { authenticate, isApiPath } from "./auth/authenticate.ts";
import { errorPages } from "./errors.ts";
import { assetsPlugin } from "./plugins/assets.ts";
import { pagesPlugin } from "./plugins/pages.ts";
import { securityPlugin } from "./plugins/security.ts";
import { viewsPlugin } from "./plugins/views.ts";
import { signInRoutes } from "./sign-in/routes.ts";
import { manageRoutes } from "./manage/routes.ts";
import { apiRoutes } from "./api/routes.ts";
import { publicRoutes } from "./public/routes.ts";

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: Permission;
}

declare module "fastify" {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The web app: staff pages under /manage, the JSON API under /api, on the same services as the CLI. */
export async function buildWebApp(
  services: Services,
  options: { logger?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });
  // Every route with the permission it demands: the security tests walk this list.
  const routes: RegisteredRoute[] = [];
  app.decorate("registeredRoutes", routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD")
        routes.push({ method, url: route.url, permission: route.config?.permission ?? "read" });
    }
  });
  await securityPlugin(app);
  await viewsPlugin(app);
  await assetsPlugin(app, { officeColour: services.config.office.colour });
  await pagesPlugin(app);
  authenticate(app, services);
  // Every form post carries its CSRF token; the API uses bearer tokens, not cookies.
  app.addHook("preHandler", (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || isApiPath(request.url)) return done();
    app.csrfProtection(request, reply, done);
  });
  errorPages(app);

  publicRoutes(app, services);
  signInRoutes(app, services);
  manageRoutes(app, services);
  await apiRoutes(app, services);
  return app;
}
