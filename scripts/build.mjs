// Bundles Postbag with esbuild into dist/, so that a command starts without
// compiling TypeScript: `npm ci` runs this (the package's prepare script), and
// bin/postbag runs it again when a source is newer than the bundle.
//
// Postbag's own code is bundled, and the two packages every command loads
// (zod for the configuration, drizzle-orm for the database): from hundreds
// of small files each, they load in half the time from the bundle. Other
// packages stay in node_modules, where their native parts and data files
// are. Each command is a chunk of its own (src/cli/main.ts imports them
// lazily), so a command loads only its modules.
// Templates, migrations and the letter layout are read from src/ at run time
// (src/entry-points.ts).
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { DIST } from "./bundle-state.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildBundle() {
  // Built beside dist/ and moved into place whole: a process starting
  // meanwhile sees the old bundle or the new one, never half of one.
  const staging = `${DIST}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await bundleInto(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const old = `${DIST}.${process.pid}.old`;
  try {
    renameSync(DIST, old);
  } catch {
    // No bundle yet.
  }
  renameSync(staging, DIST);
  rmSync(old, { recursive: true, force: true });
}

const BUNDLED_PACKAGES = new Set(["zod", "drizzle-orm"]);

/** Every package is left to node_modules but those named. */
function packagesExternalBut(bundled) {
  return {
    name: "packages-external-but",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const [scope = "", name = ""] = args.path.split("/");
        const packageName = scope.startsWith("@") ? `${scope}/${name}` : scope;
        return bundled.has(packageName) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

async function bundleInto(outdir) {
  await build({
    absWorkingDir: ROOT,
    entryPoints: {
      cli: "src/cli/run.ts",
      "render-worker": "src/letters/pool/render-worker.ts",
      "read-worker": "src/learn/read/read-worker.ts",
      "document-worker": "src/documents/pool/document-worker.ts",
      "ocr-worker": "src/documents/ocr/ocr-worker.ts",
    },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [packagesExternalBut(BUNDLED_PACKAGES)],
    // Chunks sit flat beside the entry points: src/entry-points.ts finds src/ at ../src from any of them.
    chunkNames: "[name]-[hash]",
    sourcemap: "linked",
    logLevel: "warning",
  });
  writeFileSync(join(outdir, "built.json"), `${JSON.stringify({ built: new Date().toISOString() })}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildBundle();
  process.stdout.write(`Bundled Postbag into dist/ in ${Date.now() - started} ms\n`);
}
