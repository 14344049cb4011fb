import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for GOV.UK Notify's POST /v2/notifications/letter
// (precompiled letters), following its published REST API documentation
// (alphagov/notifications-tech-docs, source/documentation/_api_docs.md):
// a JWT (HS256, iss = service id, iat within 30 seconds) signed with the
// service's secret; a body { reference, content: base64 PDF, postage? };
// 201 { id, reference, postage }; errors { status_code, errors: [{ error, message }] }
// with Notify's own messages. It records every request it was sent.

export interface StandInService {
  serviceId: string;
  secret: string;
}

export interface RecordedLetter {
  id: string;
  reference: string;
  postage: string;
  /** The decoded PDF. */
  pdf: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
  status: number;
}

export interface NotifyStandIn {
  baseUrl: string;
  service: StandInService;
  /** The API key of this service, as Notify would show it. */
  apiKey: string;
  requests: RecordedRequest[];
  letters: RecordedLetter[];
  /** The next request is answered with this error instead. */
  failNext(status: number, error: string, message: string): void;
  close(): Promise<void>;
}

const POSTAGE = ["first", "second", "economy"];

export async function startNotifyStandIn(
  service: StandInService = { serviceId: randomUUID(), secret: randomUUID() },
): Promise<NotifyStandIn> {
  const requests: RecordedRequest[] = [];
  const letters: RecordedLetter[] = [];
  let forced: { status: number; error: string; message: string } | undefined;

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const answer = (status: number, payload: unknown) => {
        requests.push({
          method: request.method ?? "",
          path: request.url ?? "",
          authorization: request.headers.authorization,
          body,
          status,
        });
        send(response, status, payload);
      };
      const fail = (status: number, error: string, message: string) =>
        answer(status, { status_code: status, errors: [{ error, message }] });

      if (request.method !== "POST" || request.url !== "/v2/notifications/letter") {
        return fail(404, "NoResultFound", "No result found");
      }
      const auth = checkToken(request.headers.authorization, service);
      if (auth) return fail(auth.status, "AuthError", auth.message);
      if (forced) {
        const { status, error, message } = forced;
        forced = undefined;
        return fail(status, error, message);
      }

      let json: Record<string, unknown>;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return fail(400, "ValidationError", "Invalid JSON supplied in POST data");
      }
      if (typeof json.reference !== "string") {
        return fail(400, "ValidationError", "reference is a required property");
      }
      if (typeof json.content !== "string") {
        return fail(400, "ValidationError", "content is a required property");
      }
      if (json.postage !== undefined && !POSTAGE.includes(String(json.postage))) {
        return fail(400, "ValidationError", "postage invalid. It must be either first, second or economy.");
      }
      const pdf = decodeBase64(json.content);
      if (!pdf || !pdf.subarray(0, 5).equals(Buffer.from("%PDF-"))) {
        return fail(400, "BadRequestError", "Letter content is not a valid PDF");
      }
      const letter = {
        id: randomUUID(),
        reference: json.reference,
        postage: typeof json.postage === "string" ? json.postage : "second",
        pdf,
      };
      letters.push(letter);
      return answer(201, { id: letter.id, reference: letter.reference, postage: letter.postage });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    service,
    apiKey: `postbag_test-${service.serviceId}-${service.secret}`,
    requests,
    letters,
    failNext(status, error, message) {
      forced = { status, error, message };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Notify's checks on the bearer token, with its messages; undefined when it is good. */
function checkToken(
  header: string | undefined,
  service: StandInService,
): { status: number; message: string } | undefined {
  const token = /^Bearer (\S+)$/.exec(header ?? "")?.[1];
  if (!token) {
    return { status: 401, message: "Unauthorized: authentication token must be provided" };
  }
  const [head, payload, signature, ...rest] = token.split(".");
  if (!head || !payload || !signature || rest.length > 0) {
    return { status: 403, message: "Invalid token: signature, api token is not valid" };
  }
  let claims: { iss?: unknown; iat?: unknown };
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(head, "base64url").toString()) as { alg?: unknown }).alg;
    claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as typeof claims;
  } catch {
    return { status: 403, message: "Invalid token: signature, api token is not valid" };
  }
  if (alg !== "HS256") return { status: 403, message: "Invalid token: algorithm used is not HS256" };
  if (claims.iss !== service.serviceId) return { status: 403, message: "Invalid token: service not found" };
  const expected = createHmac("sha256", service.secret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 403, message: "Invalid token: API key not found" };
  }
  if (typeof claims.iat !== "number" || Math.abs(Date.now() / 1000 - claims.iat) > 30) {
    return { status: 403, message: "Error: Your system clock must be accurate to within 30 seconds" };
  }
  return undefined;
}

function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, "base64");
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(payload));
}
