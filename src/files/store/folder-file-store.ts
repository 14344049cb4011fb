import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, readdir, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { FileStore } from "../file-store.ts";
import { ownedSuffix, removeOrphans } from "../temporary-names.ts";

/** The file store in a folder (data/files): each file under its hash, in a folder named by its first two characters. */
export function folderFileStore(root: string): FileStore {
  const pathOf = (hash: string) => join(root, hash.slice(0, 2), hash);
  const found = async (hash: string) => {
    // A hash is 64 hex digits: anything else names no file (and never a path).
    if (!/^[0-9a-f]{64}$/.test(hash)) return null;
    const path = pathOf(hash);
    const info = await stat(path).catch(() => null);
    return info?.isFile() ? path : null;
  };
  return {
    async put(bytes) {
      const hash = createHash("sha256").update(bytes).digest("hex");
      if (!(await found(hash))) {
        const path = pathOf(hash);
        await mkdir(dirname(path), { recursive: true });
        // Write then rename, so a file under its hash is always whole. The name is
        // unique per write: two writes of the same bytes at once never share one.
        const partial = `${path}.${ownedSuffix()}.partial`;
        await writeFile(partial, bytes);
        await rename(partial, path);
      }
      return { hash, size: bytes.length };
    },
    async get(hash) {
      const path = await found(hash);
      return path ? readFile(path) : null;
    },
    async stream(hash) {
      const path = await found(hash);
      return path ? createReadStream(path) : null;
    },
    async *list() {
      for (const folder of await readdir(root).catch(() => [] as string[])) {
        for (const name of await readdir(join(root, folder)).catch(() => [] as string[])) {
          if (/^[0-9a-f]{64}$/.test(name)) yield name;
        }
      }
    },
    async removeOrphans() {
      const folders = await readdir(root).catch(() => [] as string[]);
      const removed: string[] = [];
      for (const folder of folders) {
        removed.push(...(await removeOrphans(join(root, folder), (name) => name.endsWith(".partial"))));
      }
      return removed;
    },
  };
}
