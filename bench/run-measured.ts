import { spawn } from "node:child_process";
import { childrenCpuSeconds, machineBusySeconds } from "./cpu-time.ts";
import { watchTreeRss } from "./process-tree-rss.ts";

// Runs one command as a child process and measures it from outside: wall
// time from spawn to exit, and the peak RSS of its whole process tree.

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakRssBytes: number;
  /** How many RSS samples were taken: a sanity check on the sampling. */
  samples: number;
  /** CPU time (user + system) of the whole tree: less noisy than wall time on a shared machine. */
  cpuSeconds: number;
  /** CPU time other processes on the machine took meanwhile: the noise. */
  otherCpuSeconds: number;
}

export function runMeasured(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuSeconds();
    const busyBefore = machineBusySeconds();
    let busy = 0;
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid === undefined) return reject(new Error(`could not start ${command}`));
    const watch = watchTreeRss(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => {
      watch.stop();
      reject(error);
    });
    // Time and memory stop at "exit" (the tree is gone); output is complete at "close".
    let seconds = 0;
    let peakRssBytes = 0;
    child.on("exit", () => {
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      peakRssBytes = watch.stop();
      busy = machineBusySeconds() - busyBefore;
    });
    child.on("close", (code) => {
      const cpuSeconds = childrenCpuSeconds() - cpuBefore;
      const otherCpuSeconds = Math.max(0, busy - cpuSeconds);
      resolve({
        code,
        stdout,
        stderr,
        seconds,
        peakRssBytes,
        samples: watch.samples(),
        cpuSeconds,
        otherCpuSeconds,
      });
    });
  });
}
