// Whether dist/ holds a bundle of the sources as they are now: bin/postbag
// rebuilds it when not, and worker processes started from the sources (tests,
// development) run from it when it is (src/entry-points.ts). Kept apart from
// build.mjs so that a command can ask without loading esbuild.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = join(ROOT, "dist");
/** Written last: the bundle is complete and when it was made. */
export const STAMP = join(DIST, "built.json");

/** True when the bundle is complete and no source under src/ is newer than it. */
export function bundleIsCurrent() {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  const src = join(ROOT, "src");
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) {
      if (statSync(join(entry.parentPath, entry.name)).mtimeMs > built) return false;
    }
  }
  return true;
}
