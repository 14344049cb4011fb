import type { FastifyReply, FastifyRequest } from "fastify";
import { textFieldsOf } from "../../forms/form-body.ts";
import { formErrors, type FieldError } from "../../forms/form-errors.ts";
import { actionErrors } from "./action-errors.ts";
import { showLetter, type LetterPageServices, type LetterParams } from "./letter-page.ts";
import { letterPath } from "../paths.ts";

export type LetterRequest = FastifyRequest<{ Params: LetterParams }>;

export const LETTER_PATH = "/manage/campaigns/:campaign/letters/:recipient";

/**
 * Runs one use case for the letter; on success, post-redirect-get with a
 * flash; when the use case refuses (an illegal state change, a bad value), the
 * letter's page again with the error against its field.
 */
export async function act(
  services: LetterPageServices,
  request: LetterRequest,
  reply: FastifyReply,
  run: () => Promise<unknown>,
  done: { flash: string; fields?: Record<string, string>; values?: Record<string, string> },
) {
  try {
    await run();
  } catch (error) {
    const refused = actionErrors(error, done.fields ?? {}, "actions");
    if (!refused) throw error;
    return showLetter(services, reply, request.params, { ...refused, values: done.values ?? {} });
  }
  reply.flash(done.flash);
  return reply.redirect(letterPath(request.params.campaign, request.params.recipient), 303);
}

/** Bad input, found before any use case ran: the page again, 400, with what was typed. */
export function refuse(
  services: LetterPageServices,
  request: LetterRequest,
  reply: FastifyReply,
  problems: FieldError[],
) {
  const values = textFieldsOf(request.body as Record<string, unknown>);
  return showLetter(services, reply, request.params, { status: 400, values, errors: formErrors(problems) });
}
