import { request } from "node:http";

// HTTP with the path sent exactly as written: fetch() and the URL class
// normalise "..", "%2e" and more before a request leaves, so the paths an
// attacker would type have to go out through node:http.

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawRequest(base: string, path: string, init: RawRequest = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: hostname, port, path, method: init.method ?? "GET", headers: init.headers ?? {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(init.body);
  });
}

/**
 * A multipart post of `bytes` bytes made on the fly (never held in memory):
 * the body an attacker sends to make a server read it. Without
 * `contentLength` it is sent chunked. Resolves with the answer, or with
 * status 0 when the server closed the connection instead.
 */
export function streamedUpload(
  base: string,
  path: string,
  bytes: number,
  options: { headers?: Record<string, string>; contentLength?: boolean } = {},
): Promise<{ status: number; body: string; milliseconds: number }> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  const head = Buffer.from(
    '--B\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n',
  );
  const tail = Buffer.from("\r\n--B--\r\n");
  const headers: Record<string, string> = {
    "content-type": "multipart/form-data; boundary=B",
    ...(options.contentLength === false ? {} : { "content-length": String(bytes) }),
    ...options.headers,
  };
  return new Promise((resolve) => {
    const done = (status: number, body: string) =>
      resolve({ status, body, milliseconds: Math.round(performance.now() - started) });
    const outgoing = request({ host: hostname, port, path, method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => done(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8")));
    });
    outgoing.on("error", () => done(0, ""));
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let sent = head.length + tail.length;
    outgoing.write(head);
    const pump = () => {
      while (sent < bytes && !outgoing.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!outgoing.write(piece)) return void outgoing.once("drain", pump);
      }
      outgoing.end(tail);
    };
    pump();
  });
}
