import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs a bench in a temporary folder that is removed however the bench ends; a failure sets exit status 1. */
export async function inWorkDir(prefix: string, main: (work: string) => Promise<void>): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), prefix));
  try {
    await main(work);
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
