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
    // most files open databases for a few queries each. A file that times the
    // web app while PGlite works opts out (test/support/optimised-webassembly.ts).
    execArgv: ["--liftoff-only"],
    // One migrated database of each kind, copied by every test (test/support/databases.ts).
    globalSetup: ["./test/support/template-databases.ts"],
    // The longest files start first, so none of them is left running alone at the end.
    sequence: { sequencer: SlowestFirst },
    reporters: ["default", "./test/reporters/closing-line.ts"],
  },
});
