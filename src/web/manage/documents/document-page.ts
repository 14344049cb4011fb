import type { FastifyReply } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import { PostbagError } from "../../../errors.ts";
import type { FormErrors } from "../../forms/form-errors.ts";
import { recipientName } from "../../../campaigns/recipient-name.ts";
import { documentView, redactionChoices } from "./document-view.ts";
import type { PublishingSlice } from "../../../publishing/publishing-slice.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";

export interface DocumentParams {
  campaign: string;
  recipient: string;
  document: string;
}

export interface DocumentPageState {
  status?: number;
  values?: Record<string, string>;
  errors?: FormErrors | null;
}

/** The document's id from the URL: a number, or the page does not exist. */
export function documentId(params: DocumentParams): number {
  if (!/^\d{1,9}$/.test(params.document)) {
    throw new PostbagError("not_found", `there is no document ${params.document}`, { field: "document" });
  }
  return Number(params.document);
}

/** One document of one of this letter's replies, with its reply; 404 for any other. */
export async function findDocument(services: PublishingSlice & RecordsSlice, params: DocumentParams) {
  const id = documentId(params);
  const publication = await services.letterPublication(params);
  for (const reply of publication.replies) {
    const doc = reply.documents.find((candidate) => candidate.id === id);
    if (doc) return { publication, reply, doc };
  }
  throw new PostbagError("not_found", `no reply to ${params.recipient} has a document ${id}`, {
    field: "document",
  });
}

/**
 * A document's review page: its findings, redactions and publication. The
 * letter's documents are checked first if they never were (once each), so
 * the page always shows what the checks found.
 */
export async function showDocument(
  services: PublishingSlice & RecordsSlice,
  reply: FastifyReply,
  params: DocumentParams,
  { status = 200, values = {}, errors = null }: DocumentPageState = {},
) {
  documentId(params);
  await services.checkLetterDocuments(params);
  const { publication, reply: replyRow, doc } = await findDocument(services, params);
  const view = documentView(doc, replyRow, params.campaign, params.recipient);
  const detail = await services.letterDetail({ ...params, asOf: today() });
  return reply.code(status).page("manage/documents/document.njk", {
    params,
    campaignTitle: detail.campaign.title,
    name: recipientName(detail.recipient),
    doc,
    view,
    publication,
    choices: redactionChoices(values),
    values,
    errors,
  });
}
