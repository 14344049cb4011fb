import { PUBLIC } from "../auth/access.ts";
import type { FastifyInstance } from "fastify";
import { renderHtml } from "../../letters/render/html.ts";
import { safeFileName } from "../../publishing/public-urls.ts";
import { attachment } from "../manage/letters/files.ts";
import type { PublicResponse } from "./page-cache.ts";
import type { PublicSite } from "./public-site.ts";
import type { LetterParams } from "./letter-page.ts";

/** The letter's HTML page runs no script and loads nothing: only its own <style> and data: images. */
export const LETTER_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
/** A reply's file is a download, never shown in the browser: it may be any HTML someone sent. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox";

/** The letter as sent (PDF by its stored hash, HTML), and the public copies of its replies' files. */
export function letterFiles(app: FastifyInstance, site: PublicSite): void {
  const path = "/campaigns/:campaign/letters/:recipient";

  app.get<{ Params: LetterParams }>(`${path}/letter.pdf`, PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const found = await site.services.publicLetter(request.params);
      if (!found?.letter.pdfHash) return site.notFound();
      return (
        (await storedFile(site, found.letter.pdfHash, "application/pdf", {
          "content-disposition": `inline; filename="${safeFileName(`letter-${found.letter.recipient}.pdf`)}"`,
        })) ?? site.notFound()
      );
    }),
  );

  app.get<{ Params: LetterParams }>(`${path}/letter.html`, PUBLIC, (request, reply) =>
    site.serve(request, reply, async () => {
      const found = await site.services.publicLetter(request.params);
      if (!found) return site.notFound();
      return {
        status: 200,
        type: "text/html; charset=utf-8",
        body: renderHtml(found.letter.content),
        headers: { "content-security-policy": LETTER_HTML_CSP },
      };
    }),
  );

  app.get<{ Params: LetterParams & { document: string; name: string } }>(
    `${path}/documents/:document/:name`,
    PUBLIC,
    (request, reply) =>
      site.serve(request, reply, async () => {
        const found = await site.services.publicLetter(request.params);
        const id = Number(request.params.document);
        const document = found?.letter.replies
          .flatMap((candidate) => candidate.documents)
          .find((candidate) => candidate.id === id && candidate.source !== "body");
        if (!document || safeFileName(document.name) !== request.params.name) return site.notFound();
        return (
          (await storedFile(site, document.hash, downloadType(document.mediaType), {
            "content-disposition": attachment(document.name),
            "content-security-policy": DOWNLOAD_CSP,
            "x-content-type-options": "nosniff",
          })) ?? site.notFound()
        );
      }),
  );
}

async function storedFile(
  site: PublicSite,
  hash: string,
  type: string,
  headers: Record<string, string>,
): Promise<PublicResponse | null> {
  // Only whether the store holds it, now: its bytes are streamed on each request.
  const held = await site.services.storedFile(hash);
  if (!held) return null;
  held.destroy();
  return { status: 200, type, stored: hash, etag: `"${hash}"`, headers };
}

/** The file's media type when it is a plain one, else bytes (the header must never carry what someone typed). */
export function downloadType(mediaType: string): string {
  return /^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/i.test(mediaType) ? mediaType : "application/octet-stream";
}
