import { createHmac } from "node:crypto";
import type { NotifyKey } from "./notify-key.ts";

// The bearer token Notify expects on every request: a JWT signed with HS256
// using the key's secret, with `iss` = the service id and `iat` = now in epoch
// seconds. Notify refuses a token whose iat is more than 30 seconds from its
// clock, so a token is made for each request.
// Source: Notify's REST API documentation, "Authorisation header".

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function notifyJwt(key: Pick<NotifyKey, "serviceId" | "secret">, nowMs: number = Date.now()): string {
  const header = base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }));
  const payload = base64url(JSON.stringify({ iss: key.serviceId, iat: Math.floor(nowMs / 1000) }));
  const signature = createHmac("sha256", key.secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}
