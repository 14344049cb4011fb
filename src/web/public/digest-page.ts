import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { digestJson } from "../../publishing/public-json.ts";
import type { PublicCampaign, PublicDigest } from "../../publishing/public-model.ts";
import { publicUrls } from "../../publishing/public-urls.ts";
import type { CampaignParams } from "./campaign-page.ts";
import type { PublicSite } from "./public-site.ts";
import { itemStateText } from "./public-view.ts";

// The public digest: for each question, what each body said, quoted from its
// published documents (only answers that passed the gate in
// publishing/public-digest.ts), with a link to the document; the same as
// JSON. Not found until a person publishes the digest.

export function digestPage(app: FastifyInstance, site: PublicSite): void {
  app.get<{ Params: CampaignParams }>("/campaigns/:campaign/digest/", PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const campaign = await site.services.publicCampaign({ campaign: request.params.campaign });
      if (!campaign?.digest) return site.notFound();
      return site.page("digest.njk", {
        pageTitle: `What every body said: ${campaign.title}`,
        digest: digestView(campaign, campaign.digest),
        json: publicUrls.digestJson(campaign.id),
      });
    }),
  );

  app.get<{ Params: CampaignParams }>("/campaigns/:campaign/digest/index.json", PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const campaign = await site.services.publicCampaign({ campaign: request.params.campaign });
      if (!campaign?.digest) {
        return site.json({ error: "not_found", message: "There is nothing published here." }, 404);
      }
      return site.json(digestJson(campaign, campaign.digest));
    }),
  );
}

function digestView(campaign: PublicCampaign, digest: PublicDigest) {
  const letters = new Map(campaign.letters.map((letter) => [letter.recipient, letter]));
  return {
    title: campaign.title,
    campaignUrl: publicUrls.campaign(campaign.id),
    publishedAt: digest.publishedAt,
    questions: digest.questions.map((question) => ({
      id: question.id,
      question: question.question,
      rows: digest.bodies.map((body) => {
        const answer = body.answers[question.id];
        const item = letters.get(body.recipient)?.items.find((candidate) => candidate.id === question.id);
        return {
          organisation: body.organisation,
          letterUrl: publicUrls.letter(campaign.id, body.recipient),
          itemState: item ? itemStateText(item.state) : null,
          value: answer?.value ?? null,
          quote: answer?.quote ?? null,
          documentUrl: answer ? publicUrls.document(campaign.id, body.recipient, answer.document) : null,
          where: answer ? `${answer.document.name}${answer.page ? `, page ${answer.page}` : ""}` : null,
        };
      }),
    })),
  };
}
