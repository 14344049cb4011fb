import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleIsCurrent, DIST } from "../scripts/bundle-state.mjs";

// Postbag runs from one of two places. `npm ci` bundles it with esbuild into
// dist/ (scripts/build.mjs), and bin/postbag runs that: no TypeScript is
// compiled on a user's path. Tests and development run the TypeScript sources
// through tsx. This module tells which, and finds what lives beside the
// sources (templates, migrations, the letter layout) and the entry points of
// worker processes and threads either way. From the sources, a worker runs
// from the bundle too while the bundle is current (the same code, started
// without compiling it: about half a second less of CPU at each start, which
// the tests pay hundreds of times); after a source is changed, through tsx.

/** True when this module is the TypeScript source, false inside the bundle. */
const FROM_SOURCES = import.meta.url.endsWith(".ts");
/** src/, found from the bundle too: its files sit flat in dist/, beside src/. */
const SOURCE_DIR = fileURLToPath(new URL(FROM_SOURCES ? "./" : "../src/", import.meta.url));

/** A file shipped with the sources (a template, a migration, the letter layout), by its path under src/. */
export function sourceFile(path: string): string {
  return join(SOURCE_DIR, path);
}

/** Worker entry points: the bundle's name for each, and its source under src/. */
const WORKERS = {
  "render-worker": "letters/pool/render-worker.ts",
  "read-worker": "learn/read/read-worker.ts",
  "document-worker": "documents/pool/document-worker.ts",
  "ocr-worker": "documents/ocr/ocr-worker.ts",
} as const;
export type WorkerName = keyof typeof WORKERS;

let bundleCurrent: boolean | undefined;
/** Whether workers run from the bundle: always from inside it; from the sources, while it is current. */
function workersFromBundle(): boolean {
  return !FROM_SOURCES || (bundleCurrent ??= bundleIsCurrent());
}

/** What fork() runs for a worker process: the bundled file, or the source with tsx's loader. */
export function workerProcess(name: WorkerName): { file: string; execArgv: string[] } {
  if (workersFromBundle()) return { file: join(DIST, `${name}.js`), execArgv: [] };
  return { file: sourceFile(WORKERS[name]), execArgv: ["--import", tsxLoader()] };
}

/**
 * What a worker thread runs. A thread does not inherit its process's tsx
 * loader, so from the sources it starts at a small .mjs that registers tsx.
 */
export function workerThread(name: "document-worker"): URL {
  if (workersFromBundle()) return pathToFileURL(join(DIST, `${name}.js`));
  return pathToFileURL(sourceFile("documents/pool/document-worker-entry.mjs"));
}

function tsxLoader(): string {
  const tsx = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  return pathToFileURL(join(tsx, "dist/loader.mjs")).href;
}
