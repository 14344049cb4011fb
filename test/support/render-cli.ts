import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const POSTBAG = join(ROOT, "bin/postbag");
export const EXAMPLE = join(ROOT, "examples/vru-2020");

export function tempDir(label = "postbag-test-"): string {
  return mkdtempSync(join(tmpdir(), label));
}

/** Runs the real command, as a user would. */
export function postbag(args: string[], env: Record<string, string> = {}, input?: string) {
  const result = spawnSync(process.execPath, [POSTBAG, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    ...(input === undefined ? {} : { input }),
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A command run in this process through the CLI's own main(args, io): what
 * it prints and its exit status, as the process would give them, without a
 * process's start-up. Tests of the process itself (exit codes, stdin,
 * signals, crashes) run the real bin/postbag with postbag() instead.
 */
export async function postbagInProcess(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => input ?? "",
    env: { ...process.env, ...env },
  });
  return { status, stdout, stderr };
}

/** The real command without blocking this process (a server it talks to may be in it). */
export function postbagAsync(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [POSTBAG, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
