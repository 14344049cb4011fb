import type { Reporter, TestModule } from "vitest/node";

// Ends the run with the plain "N passed, N failed, N skipped" line that CI
// reads, after Vitest's own report.
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed" || state === "failed" || state === "skipped") counts[state] += 1;
        if (state === "failed") failedHere += 1;
      }
      // A file whose set-up failed has no failed test, but it failed all the same.
      if (!module.ok() && failedHere === 0) counts.failed += 1;
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
