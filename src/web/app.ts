import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import type { Services } from "../services.ts";
import { realmOf, type Access } from "./auth/access.ts";
import { authenticate } from "./auth/authenticate.ts";
import { errorPages } from "./errors.ts";
import { loggerOptions, logRequests, type LogOptions } from "./logging.ts";
import { refuseUnknownFormFields } from "./forms/known-fields.ts";
import { refuseControlCharacters } from "./forms/refuse-control-characters.ts";
import { assetsPlugin } from "./plugins/assets.ts";
import { boundMultipartBodies, closeUnreadBodies, MAX_FORM_BYTES } from "./plugins/body-limits.ts";
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
  access: Access;
  /** What its requests are checked against (the API's routes have one). */
  schema: RouteOptions["schema"];
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
  options: { log?: LogOptions } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(options.log),
    bodyLimit: MAX_FORM_BYTES,
    // Behind a TLS proxy: the client's address and protocol as the proxy says (X-Forwarded-*).
    trustProxy: services.config.trustProxy,
    // A property a schema does not name is refused, not quietly dropped (api/strict-schemas.ts).
    ajv: { customOptions: { removeAdditional: false } },
  });
  logRequests(app);
  // Every route with the access it declares: the security tests walk this list.
  const declared: RouteOptions[] = [];
  const routes: RegisteredRoute[] = [];
  app.decorate("registeredRoutes", routes);
  app.addHook("onRoute", (route) => void declared.push(route));
  // A route that declares no access would be refused on every request: it is a mistake, found at start.
  app.addHook("onReady", async () => {
    const undeclared = declared.filter((route) => !route.config?.access).map(describeRoute);
    if (undeclared.length > 0) throw new Error(`routes that declare no access: ${undeclared.join(", ")}`);
    routes.push(...declared.flatMap(registered));
  });
  await securityPlugin(app);
  await viewsPlugin(app);
  await assetsPlugin(app, { officeColour: services.config.office.colour });
  await pagesPlugin(app);
  authenticate(app, services);
  boundMultipartBodies(app);
  closeUnreadBodies(app);
  refuseControlCharacters(app);
  refuseUnknownFormFields(app);
  // Every form post carries its CSRF token; the API uses bearer tokens, not cookies.
  app.addHook("preHandler", (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || realmOf(request) === "api") return done();
    app.csrfProtection(request, reply, done);
  });
  errorPages(app);

  publicRoutes(app, services);
  signInRoutes(app, services);
  manageRoutes(app, services);
  await apiRoutes(app, services);
  return app;
}

function registered(route: RouteOptions): RegisteredRoute[] {
  const methods = [route.method].flat().filter((method) => method !== "HEAD");
  const access = route.config?.access ?? "admin";
  return methods.map((method) => ({ method, url: route.url, access, schema: route.schema }));
}

function describeRoute(route: RouteOptions): string {
  return `${[route.method].flat().join(",")} ${route.url}`;
}
