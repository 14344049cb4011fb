import { READ } from "../../auth/access.ts";
import type { FastifyInstance } from "fastify";
import type { LetterKind } from "../../../campaigns/queries/find-letter.ts";
import type { LetterParams } from "./letter-page.ts";
import type { LettersSlice } from "../../../letters/letters-slice.ts";
import type { RecordsSlice } from "../../../campaigns/records/records-slice.ts";

/**
 * The preview is the letter's own HTML, framed by the letter's page in a
 * sandbox. Its CSP replaces the app's: it runs no script and loads nothing,
 * and allows only what renderHtml embeds (its <style> element and the
 * signature as a data: image), and only the app's own pages may frame it.
 */
export const PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'";

/** A download, never shown in the browser: a reply's file may be any HTML someone sent. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox";

/** Content-Disposition with a plain ASCII name and the exact one (RFC 6266) for those who read it. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, "_");
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/** Under /letters/:recipient or, for the recipient's newest chaser, /chasers/:recipient. */
export function letterFileRoutes(
  app: FastifyInstance,
  services: LettersSlice & RecordsSlice,
  kind: LetterKind,
): void {
  const path = `/manage/campaigns/:campaign/${kind === "chaser" ? "chasers" : "letters"}/:recipient`;

  app.get<{ Params: LetterParams }>(`${path}/preview.html`, READ, async (request, reply) => {
    const file = await services.letterFile({ ...request.params, kind, format: "html" });
    return reply
      .header("content-security-policy", PREVIEW_CSP)
      .header("cache-control", "no-store")
      .type(file.mediaType)
      .send(Buffer.from(file.bytes));
  });

  for (const format of ["pdf", "docx"] as const) {
    app.get<{ Params: LetterParams }>(`${path}/letter.${format}`, READ, async (request, reply) => {
      const file = await services.letterFile({ ...request.params, kind, format });
      return reply
        .header("content-disposition", attachment(file.fileName))
        .header("cache-control", "no-store")
        .type(file.mediaType)
        .send(Buffer.from(file.bytes));
    });
  }

  if (kind === "chaser") return;
  app.get<{ Params: LetterParams & { hash: string } }>(
    `${path}/files/:hash`,
    READ,
    async (request, reply) => {
      // replyFile refuses a hash that no reply of this letter holds.
      const file = await services.replyFile(request.params);
      return reply
        .header("content-disposition", attachment(file.name))
        .header("content-security-policy", DOWNLOAD_CSP)
        .type(file.mediaType)
        .send(file.stream);
    },
  );
}
