import { randomUUID } from "node:crypto";
import { LogController, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from "fastify";
import type { Config } from "../config.ts";

// Structured logs (pino, Fastify's own): one line per request with its id,
// the route it matched, the user's id, the status and the time taken; every
// server error with its stack. Nothing personal: no query strings (searches
// and forms can hold names), no addresses, no emails, no headers, no bodies.

export type LogLevel = Config["logLevel"];

export interface LogOptions {
  level: LogLevel;
  /** Where the JSON lines go (default: standard output). */
  stream?: NodeJS.WritableStream;
}

/** Fastify's logger and request-id options for these log options; none when no log is wanted. */
export function loggerOptions(log: LogOptions | undefined): FastifyServerOptions {
  if (!log) return { logger: false };
  return {
    logger: {
      level: log.level,
      ...(log.stream ? { stream: log.stream } : {}),
      serializers: {
        req: (request: FastifyRequest) => ({ method: request.method, path: pathOnly(request.url) }),
      },
    },
    // Unique across processes and servers sharing one database, so a log line leads to its request.
    genReqId: () => randomUUID(),
    // Fastify's own two lines a request are replaced by logRequests()'s one.
    logController: new LogController({ disableRequestLogging: true }),
  };
}

/** One line per finished request: what was asked of which route, by whom (an id), and how it went. */
export function logRequests(app: FastifyInstance): void {
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.is404 ? null : (request.routeOptions.url ?? null),
        path: pathOnly(request.url),
        user: request.user?.id ?? null,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request",
    );
  });
}

/** The path without its query string. */
function pathOnly(url: string): string {
  return url.split("?")[0] ?? url;
}
