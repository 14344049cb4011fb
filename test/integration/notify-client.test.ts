import { randomUUID } from "node:crypto";
import { PageSizes, PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PostbagError } from "../../src/errors.ts";
import { PdfRenderer } from "../../src/letters/render/pdf.ts";
import { NotifyError, sendPrecompiledLetter, type NotifyDeps } from "../../src/post/notify/notify-client.ts";
import { parseNotifyKey } from "../../src/post/notify/notify-key.ts";
import { checkPrecompiledPdf } from "../../src/post/notify/precompiled-checks.ts";
import { aLetter, para, text } from "../support/letter-factory.ts";
import { startNotifyStandIn, type NotifyStandIn } from "../support/notify-stand-in.ts";

// GOV.UK Notify's precompiled letters: the project's own letter passes
// Notify's rules and reaches a stand-in that follows Notify's published API;
// a bad key, Notify's errors and PDFs that break the rules are each refused
// with a clear reason, and a PDF that breaks the rules is never sent.

const MM = 72 / 25.4;
let notify: NotifyStandIn;
let letterPdf: Buffer;

beforeAll(async () => {
  notify = await startNotifyStandIn();
  letterPdf = new PdfRenderer().render(aLetter(), { pdfStandard: "ua-1" });
});
afterAll(() => notify.close());
beforeEach(() => {
  notify.requests.length = 0;
  notify.letters.length = 0;
});

const deps = (overrides: Partial<NotifyDeps> = {}): NotifyDeps => ({
  apiKey: notify.apiKey,
  baseUrl: notify.baseUrl,
  fetch,
  ...overrides,
});

/** Catches the error a promise rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<PostbagError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PostbagError);
  return error as PostbagError;
}

/** An A4 letter made with pdf-lib: an address in the window on page 1, anything else as asked. */
async function aPdf(
  options: {
    pages?: number;
    size?: [number, number];
    text?: { page: number; x: number; y: number; s: string }[];
  } = {},
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) document.addPage(options.size ?? PageSizes.A4);
  const first = document.getPage(0);
  const top = first.getHeight();
  ["Katy Bourne OBE", "Sackville House", "Lewes", "BN7 2FZ"].forEach((line, i) =>
    first.drawText(line, { x: 30 * MM, y: top - (45 + i * 4) * MM, size: 9, font }),
  );
  for (const { page, x, y, s } of options.text ?? []) {
    document.getPage(page - 1).drawText(s, { x: x * MM, y: top - y * MM, size: 11, font });
  }
  return document.save();
}

describe("a letter Postbag rendered", () => {
  it("meets Notify's precompiled-letter rules", async () => {
    expect(await checkPrecompiledPdf(letterPdf)).toEqual({ ok: true, problems: [] });
  });

  it("meets them over several pages and with the longest address too", async () => {
    const address = ["A Person", "Two", "Three", "Four", "Five", "Six", "Seven", "AB1 2CD"];
    const long = Array.from({ length: 30 }, (_, i) => para(text(`Paragraph ${i}. `.repeat(40))));
    const pdf = new PdfRenderer().render(aLetter({ address, body: long }), { pdfStandard: "ua-1" });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(2);
    expect(await checkPrecompiledPdf(pdf)).toEqual({ ok: true, problems: [] });
  });

  it("is accepted by Notify: the same bytes arrive, with the reference and postage", async () => {
    const sent = await sendPrecompiledLetter(
      { reference: "vru-2020/sussex", pdf: letterPdf, postage: "first" },
      deps(),
    );
    expect(sent).toEqual({ id: expect.any(String), reference: "vru-2020/sussex", postage: "first" });
    expect(notify.letters).toHaveLength(1);
    const [received] = notify.letters;
    expect(received?.id).toBe(sent.id);
    expect(received?.pdf.equals(letterPdf)).toBe(true);

    const [request] = notify.requests;
    const [, payload] = request?.authorization?.replace("Bearer ", "").split(".") ?? [];
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    expect(claims.iss).toBe(notify.service.serviceId);
    expect(Math.abs((claims.iat as number) - Date.now() / 1000)).toBeLessThan(5);
  });

  it("goes second class when no postage is given (Notify's default)", async () => {
    const sent = await sendPrecompiledLetter({ reference: "vru-2020/essex", pdf: letterPdf }, deps());
    expect(sent.postage).toBe("second");
    expect(JSON.parse(notify.requests[0]?.body ?? "{}")).not.toHaveProperty("postage");
  });
});

describe("the API key", () => {
  it("is read as {key name}-{service id}-{secret}", () => {
    expect(parseNotifyKey(notify.apiKey)).toEqual({
      keyName: "postbag_test",
      serviceId: notify.service.serviceId,
      secret: notify.service.secret,
    });
  });

  it("when malformed, is named without being repeated, and nothing is sent", async () => {
    const apiKey = `live-${notify.service.serviceId}-not-a-uuid-secret-s3cr3t`;
    const error = await failureOf(
      sendPrecompiledLetter({ reference: "r", pdf: letterPdf }, deps({ apiKey })),
    );
    expect(error.code).toBe("bad_input");
    expect(error.message).toContain("POSTBAG_NOTIFY_API_KEY");
    expect(error.message).not.toContain("s3cr3t");
    expect(error.message).not.toContain(notify.service.serviceId);
    expect(notify.requests).toHaveLength(0);
  });

  it("when wrong, Notify's 403 becomes a clear error that never shows the secret", async () => {
    const wrongSecret = randomUUID();
    const apiKey = `live-${notify.service.serviceId}-${wrongSecret}`;
    const error = await failureOf(
      sendPrecompiledLetter({ reference: "r", pdf: letterPdf }, deps({ apiKey })),
    );
    expect(error).toBeInstanceOf(NotifyError);
    expect(error).toMatchObject({ code: "forbidden", status: 403, retryable: false });
    expect(error.message).toContain("POSTBAG_NOTIFY_API_KEY");
    expect(error.message).toContain("Invalid token: API key not found");
    expect(error.message).not.toContain(wrongSecret);
    expect(notify.letters).toHaveLength(0);
  });

  it("signs a token Notify refuses once the clock is more than 30 seconds out", async () => {
    const now = () => Date.now() - 60_000;
    const error = await failureOf(sendPrecompiledLetter({ reference: "r", pdf: letterPdf }, deps({ now })));
    expect(error.message).toContain("Your system clock must be accurate to within 30 seconds");
  });
});

describe("Notify's errors", () => {
  it.each([
    [400, "BadRequestError", "Cannot send letters when service is in trial mode", "bad_input", false],
    [
      429,
      "RateLimitError",
      "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
      "internal",
      true,
    ],
    [500, "Exception", "Internal server error", "internal", true],
  ])("%i %s is passed on with Notify's message", async (status, name, message, code, retryable) => {
    notify.failNext(status, name, message);
    const error = await failureOf(sendPrecompiledLetter({ reference: "r", pdf: letterPdf }, deps()));
    expect(error).toMatchObject({ code, status, retryable });
    expect(error.message).toContain(message);
  });

  it("Notify out of reach is an error worth retrying", async () => {
    const unreachable = async () => {
      throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    };
    const error = await failureOf(
      sendPrecompiledLetter({ reference: "r", pdf: letterPdf }, deps({ fetch: unreachable })),
    );
    expect(error).toMatchObject({ status: 0, retryable: true });
    expect(error.message).toContain("ECONNREFUSED");
  });
});

describe("a PDF that breaks Notify's rules is refused before sending", () => {
  async function refused(pdf: Uint8Array, rule: string, page?: number) {
    const check = await checkPrecompiledPdf(pdf);
    expect(check.ok).toBe(false);
    expect(check.problems).toContainEqual(expect.objectContaining({ rule, ...(page ? { page } : {}) }));
    const error = await failureOf(sendPrecompiledLetter({ reference: "bad", pdf }, deps()));
    expect(error.code).toBe("bad_input");
    expect(error.message).toContain(`(${rule})`);
    expect(notify.requests).toHaveLength(0);
    return check.problems;
  }

  it("an A4 letter made with pdf-lib passes, so each case below breaks one rule", async () => {
    expect(await checkPrecompiledPdf(await aPdf({ pages: 10 }))).toEqual({ ok: true, problems: [] });
  });

  it("11 pages", async () => {
    const problems = await refused(await aPdf({ pages: 11 }), "page-count");
    expect(problems).toEqual([{ rule: "page-count", message: expect.stringContaining("11 pages") }]);
  });

  it("a US Letter page", async () => {
    const document = await PDFDocument.load(await aPdf({ pages: 2 }));
    document.addPage(PageSizes.Letter);
    const problems = await refused(await document.save(), "a4-portrait", 3);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain("216 × 279 mm");
  });

  it("an A4 landscape page", async () => {
    await refused(await aPdf({ size: [PageSizes.A4[1], PageSizes.A4[0]] }), "a4-portrait", 1);
  });

  it("text in the left margin of page 2", async () => {
    const problems = await refused(
      await aPdf({ pages: 2, text: [{ page: 2, x: 8, y: 150, s: "In the margin" }] }),
      "printable-area",
      2,
    );
    expect(problems[0]?.message).toContain('"In the margin" is outside the printable area');
  });

  it("text beside the address window on page 1", async () => {
    await refused(await aPdf({ text: [{ page: 1, x: 18, y: 80, s: "Ref" }] }), "printable-area", 1);
  });

  it("an address line running out of the window", async () => {
    const long = "An address line far too long to fit in the envelope window at all";
    await refused(await aPdf({ text: [{ page: 1, x: 30, y: 62, s: long }] }), "address-window", 1);
  });

  it("no address in the window", async () => {
    const document = await PDFDocument.create();
    document.addPage(PageSizes.A4);
    await refused(await document.save(), "address-window", 1);
  });

  it("a file that is not a PDF", async () => {
    await refused(Buffer.from("not a pdf at all"), "pdf");
  });
});
