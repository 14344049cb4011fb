import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeOnEachDatabase,
  freshDatabase,
  type DatabaseKind,
  type TestDatabase,
} from "../support/databases.ts";
import { startSmtpRecorder, type SmtpRecorder } from "../support/smtp-recorder.ts";
import { sendCrashRun } from "../support/send-crash-run.ts";

// No letter lost, none sent twice: `postbag send` is killed (SIGKILL) at
// random moments while it sends, restarted, five times, then run to the end.

// The suite runs a small batch; `npm run bench:send` runs 500.
const LETTERS = 30;
const CRASHES = 5;

describeOnEachDatabase("sending survives SIGKILL", (kind: DatabaseKind) => {
  let database: TestDatabase;
  let recorder: SmtpRecorder;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    recorder = await startSmtpRecorder();
  });

  afterAll(async () => {
    await recorder?.close();
    await database?.drop();
  });

  it(`delivers each of ${LETTERS} letters, a second time only if it was in flight at a crash`, async () => {
    const report = await sendCrashRun({ database, recorder, letters: LETTERS, crashes: CRASHES });
    expect(report.finalStatus, report.finalStderr).toBe(0);
    expect(report.missing).toEqual([]);
    expect(report.duplicates.length).toBeLessThanOrEqual(report.kills);
    for (const duplicate of report.duplicates) {
      // The same message both times, and its row was claimed more than once (it was in flight).
      expect(new Set(duplicate.messageIds).size).toBe(1);
      expect(duplicate.attempts).toBeGreaterThan(1);
    }
    expect(report.rowStates).toEqual({ sent: LETTERS });
    expect(report.letterStates).toEqual({ sent: LETTERS });
  }, 600_000);
});
