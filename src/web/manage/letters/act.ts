import type { FastifyReply, FastifyRequest } from "fastify";
import type { LetterKind } from "../../../campaigns/queries/find-letter.ts";
import { textFieldsOf } from "../../forms/form-body.ts";
import { formErrors, type FieldError } from "../../forms/form-errors.ts";
import { showChaser } from "../chasers/chaser-page.ts";
import { actionErrors } from "./action-errors.ts";
import { showLetter, type LetterPageServices, type LetterParams, type PageState } from "./letter-page.ts";
import { letterPath } from "../paths.ts";

export type LetterRequest = FastifyRequest<{ Params: LetterParams }>;

export const LETTER_PATH = "/manage/campaigns/:campaign/letters/:recipient";

/** Where a kind of letter lives: a first letter under /letters, the newest chaser under /chasers. */
export const PATHS: Record<LetterKind, string> = {
  letter: LETTER_PATH,
  chaser: "/manage/campaigns/:campaign/chasers/:recipient",
};

/** The page of a letter or of a chaser, as it is now (again with errors after a refused action). */
export function showPage(
  services: LetterPageServices,
  reply: FastifyReply,
  params: LetterParams,
  kind: LetterKind,
  state: PageState = {},
) {
  return kind === "chaser"
    ? showChaser(services, reply, params, state)
    : showLetter(services, reply, params, state);
}

/**
 * Runs one use case for the letter (or chaser); on success, post-redirect-get
 * with a flash; when the use case refuses (an illegal state change, a bad
 * value), its page again with the error against its field.
 */
export async function act(
  services: LetterPageServices,
  request: LetterRequest,
  reply: FastifyReply,
  run: () => Promise<unknown>,
  done: {
    flash: string;
    fields?: Record<string, string>;
    values?: Record<string, string>;
    kind?: LetterKind;
  },
) {
  const kind = done.kind ?? "letter";
  try {
    await run();
  } catch (error) {
    const refused = actionErrors(error, done.fields ?? {}, "actions");
    if (!refused) throw error;
    return showPage(services, reply, request.params, kind, { ...refused, values: done.values ?? {} });
  }
  reply.flash(done.flash);
  return reply.redirect(letterPath(request.params.campaign, request.params.recipient, kind), 303);
}

/** Bad input, found before any use case ran: the page again, 400, with what was typed. */
export function refuse(
  services: LetterPageServices,
  request: LetterRequest,
  reply: FastifyReply,
  problems: FieldError[],
  kind: LetterKind = "letter",
) {
  const values = textFieldsOf(request.body as Record<string, unknown>);
  return showPage(services, reply, request.params, kind, {
    status: 400,
    values,
    errors: formErrors(problems),
  });
}
