import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freshDatabase } from "../test/support/databases.ts";
import { EXAMPLE } from "../test/support/render-cli.ts";
import { startTestApp, WebClient } from "../test/support/web-app.ts";

// npm run bench:busy: how fast the public home page answers while a large
// recipients file (2,500 rows, over 1 MB) is imported in the background on
// PGlite, whose queries run on the server's own JavaScript thread. Target:
// every answer under a second. The peer is the same page on the same server,
// idle, in the same run (the machine is shared). The tests check only that the
// site keeps answering (test/integration/security-inputs.test.ts).

const ROWS = Number(process.env.BUSY_BENCH_ROWS ?? 2500);
const IDLE_ASKS = 30;

const app = await startTestApp("pglite", {
  database: await freshDatabase("pglite", { empty: true }),
  asServe: true,
});
try {
  const idle: number[] = [];
  for (let ask = 0; ask < IDLE_ASKS; ask += 1) idle.push(await answerTime(app.base));
  const busy = await duringImport(app.base, app.campaign);
  report(idle, busy);
} finally {
  await app.close();
}

async function answerTime(base: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/`);
  await response.text();
  if (response.status !== 200) throw new Error(`the public home page answered ${response.status}`);
  return performance.now() - started;
}

/** Starts the import, then asks for the public page between looks at its progress, until it ends. */
async function duringImport(base: string, campaign: string): Promise<number[]> {
  const [header, first] = readFileSync(join(EXAMPLE, "recipients.csv"), "utf8").trim().split("\n");
  const rows = Array.from({ length: ROWS }, (_, index) =>
    first!.replace("nottinghamshire,Paddy Tipping", `r${index},Person ${index}`),
  );
  const editor = await WebClient.signedIn(base, "editor");
  const path = `/manage/campaigns/${campaign}/recipients`;
  await editor.get(path);
  const csv = [header, ...rows].join("\n");
  const started = await editor.post(path, { file: new File([csv], "recipients.csv", { type: "text/csv" }) });
  const location = started.headers.get("location");
  if (started.status !== 303 || !location) throw new Error(`the upload answered ${started.status}`);
  const times: number[] = [];
  for (;;) {
    const page = await editor.get(location);
    if (!page.text.includes("Importing the recipients")) {
      if (!page.text.includes(`${ROWS} recipients imported`)) throw new Error("the import did not finish");
      return times;
    }
    times.push(await answerTime(base));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function report(idle: number[], busy: number[]): void {
  const quantile = (values: number[], q: number) =>
    [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  const row = (name: string, values: number[]) =>
    `${name.padEnd(22)} ${String(values.length).padStart(4)} ${quantile(values, 0.5).toFixed(0).padStart(6)} ms ` +
    `${quantile(values, 0.95).toFixed(0).padStart(6)} ms ${Math.max(...values)
      .toFixed(0)
      .padStart(6)} ms`;
  process.stdout.write(
    `The public home page, idle and during an import of ${ROWS} recipients (PGlite)\n` +
      `${"".padEnd(22)} asks    p50        p95        max\n` +
      `${row("idle (peer)", idle)}\n${row("during the import", busy)}\n` +
      `median ${(quantile(busy, 0.5) / quantile(idle, 0.5)).toFixed(1)}× idle; ` +
      `slowest ${Math.max(...busy).toFixed(0)} ms (target: under 1,000 ms): ${Math.max(...busy) < 1000 ? "met" : "MISSED"}\n`,
  );
}
