import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

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
