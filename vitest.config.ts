import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One migrated database of each kind, copied by every test (test/support/databases.ts).
    globalSetup: ["./test/support/template-databases.ts"],
    reporters: ["default", "./test/reporters/closing-line.ts"],
  },
});
