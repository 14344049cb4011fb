import { spawn } from "node:child_process";
import { POSTBAG } from "./render-cli.ts";

/** `postbag serve` as a child process, once it says where it is running. */
export interface ServeProcess {
  address: string;
  /** What it printed until it was running. */
  output: string;
  pid: number;
  /** SIGTERM, and waits until it has exited. */
  stop(): Promise<void>;
}

/** Starts `postbag serve` and waits for its address; rejects with its output if it exits first. */
export async function serve(env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [POSTBAG, "serve"], { env: { ...process.env, PORT: "0", ...env } });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Postbag is running at (http:\/\/\S+?)\/?\n/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.removeAllListeners("exit");
      child.on("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { address, output, pid: child.pid ?? 0, stop };
}
