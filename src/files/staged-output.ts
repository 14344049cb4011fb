import { rmSync } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { PostbagError } from "../errors.ts";
import { ownedSuffix, removeOrphans } from "./temporary-names.ts";

// All or nothing: files are written to a staging folder beside the output
// folder (same file system, so moving them is a rename) and moved into place
// only once every one of them has been written.

export interface StagedOutput {
  /** Where to write the files. */
  dir: string;
  /** Moves every staged file into the output folder. */
  commit(): Promise<void>;
  /** Removes the staging folder and everything in it. */
  abort(): Promise<void>;
}

export async function stageOutput(outDir: string): Promise<StagedOutput> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  // A run killed outright (kill -9) could not clean up after itself: this one does.
  await removeOrphans(dirname(target), (name) => name.startsWith(`.${basename(target)}.postbag-`));
  const dir = join(dirname(target), `.${basename(target)}.postbag-${ownedSuffix()}`);
  await mkdir(dir);
  // If the process is stopped half-way (Ctrl-C), the staging folder goes too.
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", cleanUp);
  return {
    dir,
    async commit() {
      if (await isMissingOrEmpty(target)) {
        await rm(target, { recursive: true, force: true });
        await rename(dir, target);
      } else {
        // The folder holds other files: keep them, replace ours. A folder in
        // the way of one of ours is found before anything is moved.
        const names = await readdir(dir);
        for (const name of names) {
          const existing = await stat(join(target, name)).catch(() => null);
          if (existing?.isDirectory()) {
            throw new PostbagError(
              "bad_input",
              "a folder has the name of a file to be written: nothing was written",
              {
                file: join(target, name),
              },
            );
          }
        }
        for (const name of names) await rename(join(dir, name), join(target, name));
        await rmdir(dir);
      }
      process.off("exit", cleanUp);
    },
    async abort() {
      await rm(dir, { recursive: true, force: true });
      process.off("exit", cleanUp);
    },
  };
}

async function isMissingOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}
