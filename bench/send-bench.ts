import { freshDatabase, type DatabaseKind } from "../test/support/databases.ts";
import { sendCrashRun } from "../test/support/send-crash-run.ts";
import { startSmtpRecorder } from "../test/support/smtp-recorder.ts";

// npm run bench:send: the crash test at full size. 500 letters by email to a
// recording SMTP server on loopback; `postbag send` is SIGKILLed five times at
// random moments and restarted, then runs to the end. Prints what arrived.
// SEND_BENCH_LETTERS and SEND_BENCH_DATABASE (pglite|postgres) change the run.

const letters = Number(process.env.SEND_BENCH_LETTERS ?? 500);
const kind = (process.env.SEND_BENCH_DATABASE ?? "pglite") as DatabaseKind;

const database = await freshDatabase(kind);
const recorder = await startSmtpRecorder();
try {
  const report = await sendCrashRun({ database, recorder, letters, crashes: 5 });
  const ok =
    report.finalStatus === 0 &&
    report.missing.length === 0 &&
    report.duplicates.length <= report.kills &&
    report.duplicates.every(
      (duplicate) => new Set(duplicate.messageIds).size === 1 && duplicate.attempts > 1,
    ) &&
    report.rowStates.sent === letters &&
    report.letterStates.sent === letters;
  process.stdout.write(
    `${JSON.stringify({ database: kind, letters, received: recorder.messages.length, ...report, finalStderr: undefined }, null, 2)}\n` +
      `${ok ? "OK" : "FAILED"}: ${letters} letters, ${report.kills} kills, ${report.duplicates.length} sent twice, ${report.seconds.toFixed(1)} s\n`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await recorder.close();
  await database.drop();
}
