import type { Services } from "../services.ts";
import { buildWebApp } from "./app.ts";

/** Serves the web app; resolves once listening, with a way to stop it (finishing requests under way). */
export async function startWebServer(services: Services): Promise<{ close(): Promise<void> }> {
  const app = await buildWebApp(services, { log: { level: services.config.logLevel } });
  const { host, port } = services.config;
  const address = await app.listen({ host, port });
  process.stdout.write(`Postbag is running at ${address}/\n`);
  return { close: () => app.close() };
}
