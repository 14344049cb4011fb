import { BaseSequencer, type TestSpecification } from "vitest/node";

// Vitest starts the longest files first when it has timed them before (its
// cache in node_modules/.vite); a clean CI checkout has no such cache, and
// files would be started in no useful order, a long one possibly last, alone
// on one core. These are the longest (README.md, "The tests"): started first,
// in this order, the rest after them as Vitest orders them.
export const SLOWEST_FILES = [
  "test/e2e/staff-journey.test.ts",
  "test/integration/send-crash.test.ts",
  "test/integration/security-inputs.test.ts",
  "test/e2e/daily-loop.test.ts",
  "test/integration/send-email.test.ts",
  "test/integration/kill-anywhere.test.ts",
  "test/integration/crash-cleanup.test.ts",
  "test/integration/one-owner.test.ts",
  "test/integration/security-routes.test.ts",
  "test/integration/mail-in-match.test.ts",
  "test/integration/records-commands.test.ts",
  "test/integration/render-errors.test.ts",
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = SLOWEST_FILES.findIndex((path) => file.moduleId.endsWith(path));
      return at === -1 ? SLOWEST_FILES.length : at;
    };
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}
