import { randomBytes } from "node:crypto";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";

// Temporary files and folders (staging folders, partial writes) carry the id
// of the process that made them and a random part: unique per write, and a
// later process can tell one whose maker is gone (killed, crashed) from one
// still being written, and remove the first kind.

/** "<pid>-<random>": unique for every call, in any process. */
export function ownedSuffix(): string {
  return `${process.pid}-${randomBytes(6).toString("hex")}`;
}

const OWNER = /(?:^|[.-])(\d+)-[0-9a-f]{12}(?:\.|$)/;

/** Whether a name made with ownedSuffix() belongs to a process that is no longer running. */
export function isOrphan(name: string): boolean {
  const pid = Number(OWNER.exec(name)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but is another user's.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Removes the entries of `dir` that `matches` and whose maker is gone; says which. */
export async function removeOrphans(dir: string, matches: (name: string) => boolean): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((candidate) => matches(candidate) && isOrphan(candidate))) {
    await rm(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Whether a path exists (a file or a folder). */
export async function pathExists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}
