import { createHash } from "node:crypto";
import { mkdir, readdir, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ownedSuffix, removeOrphans } from "./temporary-names.ts";

// Files (rendered letters, replies' attachments) stored once by the SHA-256
// of their content, under the data folder: the same bytes are kept once.

export interface StoredFile {
  hash: string;
  size: number;
}

export function fileStore(root: string) {
  const pathOf = (hash: string) => join(root, hash.slice(0, 2), hash);
  return {
    pathOf,
    async put(bytes: Buffer): Promise<StoredFile> {
      const hash = createHash("sha256").update(bytes).digest("hex");
      const path = pathOf(hash);
      if (!(await exists(path))) {
        await mkdir(dirname(path), { recursive: true });
        // Write then rename, so a file under its hash is always whole. The name is
        // unique per write: two writes of the same bytes at once never share one.
        const partial = `${path}.${ownedSuffix()}.partial`;
        await writeFile(partial, bytes);
        await rename(partial, path);
      }
      return { hash, size: bytes.length };
    },
    /** Removes partial writes left by a process that was killed half-way. */
    async removeOrphans(): Promise<string[]> {
      const folders = await readdir(root).catch(() => [] as string[]);
      const removed: string[] = [];
      for (const folder of folders) {
        removed.push(...(await removeOrphans(join(root, folder), (name) => name.endsWith(".partial"))));
      }
      return removed;
    },
  };
}

export type FileStore = ReturnType<typeof fileStore>;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
