import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import SlowestFirst from "./test/support/slowest-first.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Every core (Vitest's default leaves one free): most files spend much of
    // their time waiting on a database, a browser or a server process.
    maxWorkers: Math.max(2, availableParallelism()),
    // PGlite's WebAssembly unoptimised, as commands run it (src/cli/quick-start.ts):
    // most files open databases for a few queries each, and V8's optimising
    // compile would cost more CPU than it saves.
    execArgv: ["--liftoff-only"],
    // The bundle made current (the commands and the app's workers run from it), and one
    // migrated database of each kind, copied by every test (test/support/databases.ts).
    globalSetup: ["./test/support/current-bundle.ts", "./test/support/template-databases.ts"],
    // The longest files start first, so none of them is left running alone at the end.
    sequence: { sequencer: SlowestFirst },
    reporters: ["default", "./test/reporters/closing-line.ts"],
  },
});
