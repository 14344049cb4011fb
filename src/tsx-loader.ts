import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

// Postbag runs its TypeScript without a build step: a worker process it forks
// (the render pool, the letter readers of `learn`) loads tsx with
// `--import TSX_LOADER` before its own module.
export const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/loader.mjs"),
).href;
