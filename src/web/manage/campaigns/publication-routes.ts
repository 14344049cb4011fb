import { NO_FIELDS } from "../../forms/known-fields.ts";
import type { FastifyInstance } from "fastify";
import { describeChange } from "../documents/publication-act.ts";
import { campaignPath } from "../paths.ts";
import type { PublishingSlice } from "../../../publishing/publishing-slice.ts";
import { currentUser } from "../../auth/current-user.ts";

/**
 * Publish or unpublish a whole campaign from its board. Publishing checks the
 * documents not yet checked, publishes everything ready and reports in the
 * flash what it did; the documents it left blocked are listed on the board
 * (their ids in the redirect), each linked to its review page.
 */
export function campaignPublicationRoutes(app: FastifyInstance, services: PublishingSlice): void {
  for (const published of [true, false]) {
    app.post<{ Params: { campaign: string } }>(
      `/manage/campaigns/:campaign/${published ? "publish" : "unpublish"}`,
      { config: { access: "publish", ...NO_FIELDS } },
      async (request, reply) => {
        const { campaign } = request.params;
        const change = await services.setPublication({
          target: { entity: "campaign", campaign },
          published,
          actor: currentUser(request).email,
        });
        const blocked = change.blocked.length;
        const withheld = change.withheld.length;
        const left =
          (blocked === 0
            ? ""
            : `. ${blocked} document${blocked === 1 ? " was" : "s were"} left unpublished until reviewed: see below`) +
          (withheld === 0
            ? ""
            : `. ${withheld} thing${withheld === 1 ? " was" : "s were"} left off because someone unpublished ${withheld === 1 ? "it" : "them"} on purpose: publish ${withheld === 1 ? "it" : "each"} from its own page to put it back`);
        reply.flash(
          published
            ? change.published.length === 0
              ? `Nothing new to publish${left}`
              : `Campaign published: ${describeChange(change)} made public${left}`
            : `Campaign unpublished: ${describeChange(change)} taken off the public site`,
        );
        const query = blocked === 0 ? "" : `?blocked=${change.blocked.map((doc) => doc.document).join(",")}`;
        return reply.redirect(`${campaignPath(campaign)}${query}#publishing`, 303);
      },
    );
  }
}
