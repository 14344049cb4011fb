import { READ, WRITE } from "../../auth/access.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import { isPostbagError } from "../../../errors.ts";
import { textField } from "../../forms/form-body.ts";
import { formErrors } from "../../forms/form-errors.ts";
import {
  actorOf,
  alreadySent,
  campaignPath,
  formStatus,
  inputErrors,
  isEditConflict,
  plural,
  VERSION_FIELD,
} from "./editing-forms.ts";
import { showTemplate, TEMPLATE_PATHS, type TemplateState } from "./template-page.ts";
import type { TemplateKind } from "../../../campaigns/workspace/save-letter-template.ts";
import type { CampaignsSlice } from "../../../campaigns/workspace/campaigns-slice.ts";

type Params = { Params: { campaign: string }; Querystring: { recipient?: unknown } };

const NOUN: Record<TemplateKind, { title: string; one: string }> = {
  letter: { title: "Letter", one: "letter" },
  chaser: { title: "Chaser", one: "chaser" },
};

function draftOf(body: unknown) {
  const form = body as Record<string, unknown>;
  return {
    source: textField(form, "source"),
    recipient: textField(form, "recipient"),
    // The version the draft was started from, kept through previews and checks.
    version: textField(form, VERSION_FIELD),
  };
}

/**
 * A template, the letter's or the chaser's: three buttons post the same form.
 * Preview and check only read (a draft is never kept between requests); Save
 * writes letter.md (or chaser.md).
 */
export function templateRoutes(app: FastifyInstance, services: CampaignsSlice, which: TemplateKind): void {
  const PATH = `/manage/campaigns/:campaign/${TEMPLATE_PATHS[which]}`;
  const { title, one } = NOUN[which];
  const show = (reply: FastifyReply, campaign: string, state: TemplateState = {}) =>
    showTemplate(services, reply, campaign, state, which);

  app.get<Params>(PATH, READ, (request, reply) => {
    const { recipient } = request.query;
    return show(reply, request.params.campaign, {
      ...(typeof recipient === "string" ? { recipient } : {}),
    });
  });

  app.post<Params>(`${PATH}/preview`, WRITE, async (request, reply) => {
    const { campaign } = request.params;
    const draft = draftOf(request.body);
    const check = await services.checkTemplate({ campaign, ...draft, which });
    if (check.missing.length > 0 || check.errors.length > 0) {
      return show(reply, campaign, { ...draft, check });
    }
    try {
      const preview = await services.previewTemplate({ campaign, ...draft, which });
      return show(reply, campaign, { ...draft, check, preview });
    } catch (error) {
      if (!isPostbagError(error) || error.location.field !== "recipient") throw error;
      const errors = formErrors([{ field: "recipient", message: "Select a recipient of this campaign" }]);
      return show(reply, campaign, { ...draft, errors });
    }
  });

  app.post<Params>(`${PATH}/check`, WRITE, async (request, reply) => {
    const { campaign } = request.params;
    const draft = draftOf(request.body);
    const check = await services.checkTemplate({ campaign, ...draft, which });
    return show(reply, campaign, { ...draft, check });
  });

  app.post<Params>(PATH, WRITE, async (request, reply) => {
    const { campaign } = request.params;
    const draft = draftOf(request.body);
    if (draft.source.trim() === "") {
      const errors = formErrors([{ field: "source", message: `Enter the ${one}` }]);
      return show(reply, campaign, { ...draft, status: 400, errors });
    }
    try {
      const summary = await services.saveLetterTemplate({
        campaign,
        source: draft.source,
        version: draft.version,
        actor: actorOf(request),
        which,
      });
      const { revised, alreadySent: sent } = summary.letters;
      reply.flash(
        which === "chaser"
          ? "Chaser saved: chasers drafted from now on use it"
          : `${title} saved: ${plural(revised, "letter")} revised${alreadySent(sent)}`,
      );
      const query = draft.recipient ? `?recipient=${encodeURIComponent(draft.recipient)}` : "";
      return reply.redirect(`${campaignPath(summary.campaign)}/${TEMPLATE_PATHS[which]}${query}`, 303);
    } catch (error) {
      const errors = inputErrors(error, "source", ["source"]);
      const conflict = isEditConflict(error);
      return show(reply, campaign, {
        ...draft,
        status: formStatus(error),
        errors,
        conflict,
      });
    }
  });
}
