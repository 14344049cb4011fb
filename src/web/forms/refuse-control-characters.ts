import type { FastifyInstance } from "fastify";
import { PostbagError } from "../../errors.ts";
import { controlCharacterIn } from "../../text/control-characters.ts";

/**
 * No control character (NUL above all: PostgreSQL cannot store it) gets in
 * through a path, a query or a form or JSON field: the request is refused
 * with the field named before any use case sees it. An uploaded file's bytes
 * are the file's own business; only its name is text.
 */
export function refuseControlCharacters(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const found =
      firstControl(request.params, "") ?? firstControl(request.query, "") ?? firstControl(request.body, "");
    if (!found) return;
    const [field, character] = found;
    throw new PostbagError(
      "bad_input",
      `${field || "the address"} holds the control character ${character}, which Postbag does not store: remove it and send again`,
      { field },
    );
  });
}

function firstControl(value: unknown, path: string): [string, string] | null {
  if (typeof value === "string") {
    const character = controlCharacterIn(value);
    return character ? [path, character] : null;
  }
  if (Buffer.isBuffer(value) || value === null || typeof value !== "object") return null;
  if (isUpload(value)) return firstControl(value.fileName, path);
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = controlCharacterIn(key);
    if (keyProblem) return [path, keyProblem];
    const found = firstControl(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

function isUpload(value: object): value is { fileName: string } {
  return "bytes" in value && "fileName" in value;
}
