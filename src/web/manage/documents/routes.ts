import { READ } from "../../auth/access.ts";
import { NO_FIELDS } from "../../forms/known-fields.ts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { today } from "../../../campaigns/deadlines/iso-date.ts";
import { PostbagError } from "../../../errors.ts";
import { storedStream } from "../../../files/file-store.ts";
import { textField, textFieldsOf } from "../../forms/form-body.ts";
import { attachment } from "../letters/files.ts";
import { documentId, findDocument, showDocument, type DocumentParams } from "./document-page.ts";
import { DOCUMENT_PATH, documentPath } from "./document-view.ts";
import { describeChange, publicationErrors } from "./publication-act.ts";
import type { PublishingSlice } from "../../../publishing/publishing-slice.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";
import { currentUser } from "../../auth/current-user.ts";

type DocumentRequest = FastifyRequest<{ Params: DocumentParams }>;

/** A download, never shown in the browser: a reply's file may be any HTML someone sent. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox";

const BOX_FIELDS = ["page", "x", "y", "width", "height"] as const;

/**
 * A document's review page and what can be done there: publish, unpublish,
 * resolve a finding, add a redaction. Each action is one use case, then
 * post-redirect-get with a flash; a refusal shows the page again with the
 * error against its field, and nothing saved.
 */
export function documentRoutes(app: FastifyInstance, services: PublishingSlice & RecordsSlice): void {
  app.get<{ Params: DocumentParams }>(DOCUMENT_PATH, READ, (request, reply) =>
    showDocument(services, reply, request.params),
  );

  // The public copy exactly as it would be published (metadata removed, redactions applied).
  app.get<{ Params: DocumentParams }>(`${DOCUMENT_PATH}/public-copy`, READ, async (request, reply) => {
    const { doc } = await findDocument(services, request.params);
    if (!doc.publicHash) throw new PostbagError("not_found", `${doc.name} has not been checked yet`);
    const stream = await storedStream(
      { stream: services.storedFile },
      doc.publicHash,
      `the public copy of ${doc.name}`,
    );
    return download(reply, doc.name, doc.mediaType).send(stream);
  });

  // The original as it came: the reply's own text, or the attached file.
  app.get<{ Params: DocumentParams }>(`${DOCUMENT_PATH}/original`, READ, async (request, reply) => {
    const { doc } = await findDocument(services, request.params);
    const detail = await services.letterDetail({ ...request.params, asOf: today() });
    const source = detail.replies.find((candidate) => candidate.id === doc.replyId);
    if (doc.source === "body" && source) {
      return download(reply, doc.name, doc.mediaType).send(Buffer.from(source.text, "utf8"));
    }
    const file = source?.files.find((candidate) => candidate.name === doc.name);
    if (!file) throw new PostbagError("not_found", `the original of ${doc.name} is not there`);
    const stored = await services.replyFile({ ...request.params, hash: file.hash });
    return download(reply, doc.name, stored.mediaType).send(stored.stream);
  });

  for (const published of [true, false]) {
    app.post<{ Params: DocumentParams }>(
      `${DOCUMENT_PATH}/${published ? "publish" : "unpublish"}`,
      { config: { access: "publish", ...NO_FIELDS } },
      (request, reply) =>
        act(services, request, reply, {
          run: async () => {
            const change = await services.setPublication({
              target: {
                entity: "document",
                campaign: request.params.campaign,
                document: await ownDocument(services, request.params),
              },
              published,
              actor: currentUser(request).email,
            });
            return published
              ? `Document published (with ${describeChange(change)})`
              : `Document unpublished (${describeChange(change)} taken off the public site)`;
          },
          fields: {},
          fallback: "publication",
        }),
    );
  }

  app.post<{ Params: DocumentParams }>(
    `${DOCUMENT_PATH}/resolve`,
    { config: { access: "publish" } },
    (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const finding = textField(body, "finding");
      const reason = textField(body, "reason");
      const field = `resolve-${finding}`;
      return act(services, request, reply, {
        run: async () => {
          if (!/^\d{1,9}$/.test(finding)) {
            throw new PostbagError("bad_input", "choose a finding to resolve", { field: "finding" });
          }
          await services.resolveFinding({
            campaign: request.params.campaign,
            document: await ownDocument(services, request.params),
            finding: Number(finding),
            reason,
            actor: currentUser(request).email,
          });
          return "Finding resolved: marked as safe to publish";
        },
        fields: { reason: field },
        fallback: "findings",
        values: { [field]: reason },
      });
    },
  );

  app.post<{ Params: DocumentParams }>(
    `${DOCUMENT_PATH}/redact`,
    { config: { access: "publish" } },
    (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const kind = textField(body, "kind");
      const redaction: Record<string, string> = { kind };
      for (const name of ["text", "pattern", ...BOX_FIELDS]) {
        const value = textField(body, name);
        if (value !== "") redaction[name] = value;
      }
      const values = { ...textFieldsOf(body), "redaction-reason": textField(body, "reason") };
      return act(services, request, reply, {
        run: async () => {
          const { places } = await services.addRedaction({
            campaign: request.params.campaign,
            document: await ownDocument(services, request.params),
            redaction: redaction as { kind: string },
            reason: textField(body, "reason"),
            actor: currentUser(request).email,
          });
          return `Redacted ${places} place${places === 1 ? "" : "s"} in the public copy`;
        },
        fields: {
          kind: "kind",
          // "Matched nothing" names the text; for a pattern or a box it is the choice as a whole.
          text: kind === "text" ? "text" : "kind",
          pattern: "pattern",
          page: "page",
          x: "x",
          y: "y",
          width: "width",
          height: "height",
          reason: "redaction-reason",
        },
        fallback: "kind",
        values,
      });
    },
  );
}

async function act(
  services: PublishingSlice & RecordsSlice,
  request: DocumentRequest,
  reply: FastifyReply,
  action: {
    run: () => Promise<string>;
    fields: Record<string, string>;
    fallback: string;
    values?: Record<string, string>;
  },
) {
  let flash: string;
  try {
    flash = await action.run();
  } catch (error) {
    const refused = publicationErrors(error, action.fields, action.fallback);
    if (!refused) throw error;
    return showDocument(services, reply, request.params, { ...refused, values: action.values ?? {} });
  }
  reply.flash(flash);
  const { campaign, recipient } = request.params;
  return reply.redirect(documentPath(campaign, recipient, documentId(request.params)), 303);
}

/** The document's id once it is known to be one of this letter's (else 404). */
async function ownDocument(
  services: PublishingSlice & RecordsSlice,
  params: DocumentParams,
): Promise<number> {
  return (await findDocument(services, params)).doc.id;
}

function download(reply: FastifyReply, name: string, mediaType: string): FastifyReply {
  return reply
    .header("content-disposition", attachment(name))
    .header("content-security-policy", DOWNLOAD_CSP)
    .header("cache-control", "no-store")
    .type(mediaType);
}
