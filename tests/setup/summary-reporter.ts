import type { Reporter, TestModule } from "vitest/node";

/** Prints one plain closing line ("tests: N passed, N failed, N skipped") that CI tools read. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let failedInModule = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") failedInModule++;
        else counts.skipped++;
      }
      // A file that failed outside its tests (a hook, an import) counts as one failure.
      if (module.state() === "failed" && failedInModule === 0) failedInModule = 1;
      counts.failed += failedInModule;
    }
    console.log(
      `\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    );
  }
}
