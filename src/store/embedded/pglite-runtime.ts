import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";

export interface PgliteRuntime {
  PGlite: typeof PGlite;
  /** PostgreSQL compiled to WebAssembly, and its files, for PGlite.create. */
  options: Pick<PGliteOptions, "pgliteWasmModule" | "fsBundle">;
}

let loading: Promise<PgliteRuntime> | undefined;

/**
 * PGlite's 9 MB of WebAssembly, compiled once per process: a process that
 * opens several embedded databases (a test file, one after another) compiles
 * it once, not every time.
 */
export function pgliteRuntime(): Promise<PgliteRuntime> {
  loading ??= load();
  return loading;
}

async function load(): Promise<PgliteRuntime> {
  const folder = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  const [{ PGlite }, wasm, data] = await Promise.all([
    import("@electric-sql/pglite"),
    readFile(join(folder, "pglite.wasm")),
    readFile(join(folder, "pglite.data")),
  ]);
  return {
    PGlite,
    options: { pgliteWasmModule: await WebAssembly.compile(wasm), fsBundle: new Blob([data]) },
  };
}
