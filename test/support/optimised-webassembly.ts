import { setFlagsFromString } from "node:v8";

/**
 * The tests run PGlite's WebAssembly unoptimised, as the commands do
 * (vitest.config.ts, src/cli/quick-start.ts): most files open a database
 * for a few queries, and V8's optimising compile would cost more CPU than it
 * saves. A file that times the web app while PGlite works hard calls this
 * first, so that its database runs optimised, as under `postbag serve`.
 * It must run before the file's first database is opened.
 */
export function optimiseWebAssemblyAsServeDoes(): void {
  setFlagsFromString("--no-liftoff-only");
}
