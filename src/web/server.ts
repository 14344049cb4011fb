import Fastify, { type FastifyInstance } from "fastify";
import { isPostbagError } from "../errors.ts";
import { escapeHtml, renderHtml } from "../letters/render/html.ts";
import type { Services } from "../services.ts";
import { letterListPage } from "./letter-list-page.ts";

// The web app. For now it shows the demo campaign's letters; the staff app
// (sign-in, campaigns, the board) is built on the same services later.

export function buildWebApp(services: Services): FastifyInstance {
  const app = Fastify({ logger: false });
  const campaignDir = services.config.demoCampaignDir;

  app.get("/", async (_request, reply) => {
    const letters = await services.previewLetters(campaignDir);
    return reply.type("text/html; charset=utf-8").send(letterListPage(letters));
  });

  app.get<{ Params: { id: string } }>("/letters/:id", async (request, reply) => {
    const letters = await services.previewLetters(campaignDir);
    const letter = letters.find((candidate) => candidate.id === request.params.id);
    if (!letter) return reply.code(404).type("text/plain").send("No such letter");
    return reply.type("text/html; charset=utf-8").send(renderHtml(letter));
  });

  app.setErrorHandler((error, _request, reply) => {
    const status = isPostbagError(error) ? 422 : 500;
    const message = isPostbagError(error) ? error.message : "Something went wrong";
    void reply
      .code(status)
      .type("text/html; charset=utf-8")
      .send(`<p>${escapeHtml(message)}</p>`);
  });
  return app;
}

export async function startWebServer(services: Services): Promise<void> {
  const app = buildWebApp(services);
  const { host, port } = services.config;
  const address = await app.listen({ host, port });
  process.stdout.write(`Postbag is running at ${address}/\n`);
}
