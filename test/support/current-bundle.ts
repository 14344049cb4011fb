import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { bundleIsCurrent } from "../../scripts/bundle-state.mjs";

// Vitest's global set-up: the bundle in dist/ made current before any test
// runs. The commands the tests run (bin/postbag) and the worker processes and
// threads of the app under test (src/entry-points.ts) run from it; made here
// once, not by whichever test starts first.
export default function makeBundleCurrent(): void {
  if (bundleIsCurrent()) return;
  execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/build.mjs", import.meta.url))], {
    stdio: "inherit",
  });
}
