import type { FastifyInstance, FastifySchema } from "fastify";

// Every API request is checked against its schema, and a property the schema
// does not name is refused (400), never ignored: a client that sends
// `{"recipient": "sussex"}` to a route that takes no body must not have the
// whole campaign published believing it published one letter. Fastify's
// validator is told not to strip unknown properties (app.ts); this fills in
// `additionalProperties: false` wherever a schema names its properties, and
// gives a route that takes no body a schema that says so.

type Schema = Record<string, unknown>;

/** A body schema for routes that take none: an empty object, or nothing at all. */
const NO_BODY: Schema = {
  type: "object",
  nullable: true,
  additionalProperties: false,
  properties: {},
  description: "No body",
};

const TAKES_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A query schema for routes that take no query. */
const NO_QUERY: Schema = { type: "object", additionalProperties: false, properties: {} };

export function strictRequestSchemas(api: FastifyInstance): void {
  api.addHook("onRoute", (route) => {
    const schema: FastifySchema = { ...route.schema };
    if (schema.params) schema.params = closed(schema.params as Schema);
    schema.querystring = schema.querystring ? closed(schema.querystring as Schema) : NO_QUERY;
    const takesBody = [route.method].flat().some((method) => TAKES_BODY.has(method));
    // A body sent as a file (schema.body.content) is bytes: there is nothing to close.
    if (schema.body && !(schema.body as Schema).content) schema.body = closed(schema.body as Schema);
    else if (!schema.body && takesBody) schema.body = NO_BODY;
    route.schema = schema;
  });
}

/** The schema with additionalProperties: false on it and every nested object that lists its properties. */
function closed(schema: Schema): Schema {
  const copy: Schema = { ...schema };
  if (copy.properties && typeof copy.properties === "object") {
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties as Record<string, Schema>).map(([name, value]) => [name, closed(value)]),
    );
    if (copy.additionalProperties === undefined) copy.additionalProperties = false;
  }
  if (copy.items && typeof copy.items === "object" && !Array.isArray(copy.items))
    copy.items = closed(copy.items as Schema);
  return copy;
}
