import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { PostbagError } from "../../errors.ts";
import { ownedSuffix } from "../../files/temporary-names.ts";

// A campaign folder is replaced whole, never file by file: the new folder is
// filled in a staging folder beside it (same file system, so moving it is a
// rename) and the old one is kept beside it until the import that follows
// has succeeded. The caller holds the campaign's lock.

/** Files to write into a campaign folder, by path inside it. */
export type FolderChanges = Record<string, string | Uint8Array>;

export interface SwapFolder<T> {
  target: string;
  /** Writes the new folder; throwing leaves nothing behind. */
  fill: (staging: string) => Promise<void>;
  /** Runs with the new folder in place (the import); throwing puts the old one back. */
  then: () => Promise<T>;
}

export async function swapFolder<T>({ target, fill, then }: SwapFolder<T>): Promise<T> {
  await mkdir(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.staging-${ownedSuffix()}`);
  await mkdir(staging);
  try {
    await fill(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = previousOf(target);
  const replacing = await exists(target);
  if (replacing) await rename(target, previous);
  await rename(staging, target);
  try {
    const result = await then();
    if (replacing) await rm(previous, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    if (replacing) await rename(previous, target);
    throw error;
  }
}

/**
 * A process stopped between the renames above leaves the old folder beside
 * the target: put it back if the target is missing, else drop it (the next
 * import brings the database in line with the folder in place).
 */
export async function recoverFolder(target: string): Promise<void> {
  const previous = previousOf(target);
  if (!(await exists(previous))) return;
  if (await exists(target)) await rm(previous, { recursive: true, force: true });
  else await rename(previous, target);
}

function previousOf(target: string): string {
  return join(dirname(target), `.${basename(target)}.previous`);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

export async function writeFiles(dir: string, files: FolderChanges): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = resolve(dir, name);
    // campaign.yaml names the files: never write outside the folder.
    if (!path.startsWith(dir + sep)) {
      throw new PostbagError("bad_input", "the path points outside the campaign folder", { file: name });
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}
