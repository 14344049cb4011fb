import type { Readable } from "node:stream";
import { PostbagError } from "../errors.ts";

// Files (rendered letters, replies and their attachments, public copies)
// stored once by the SHA-256 of their content. Callers never open a path:
// the store is the data folder (store/folder-file-store.ts, the default) or
// the database itself (store/database-file-store.ts), so that a second
// server needs nothing but the database.

export interface StoredFile {
  hash: string;
  size: number;
}

export interface FileStore {
  /** Keeps the bytes (once: the same bytes again are not written twice). */
  put(bytes: Buffer): Promise<StoredFile>;
  /** The bytes, or null when the store does not hold them. */
  get(hash: string): Promise<Buffer | null>;
  /** The bytes as a stream, never held whole, or null when the store does not hold them. */
  stream(hash: string): Promise<Readable | null>;
  /** Every stored file's hash. */
  list(): AsyncIterable<string>;
  /** Removes what a process killed half-way left (partial writes); returns what it removed. */
  removeOrphans(): Promise<string[]>;
}

export { folderFileStore as fileStore } from "./store/folder-file-store.ts";

/** The stored bytes of `what`; one the store does not hold is a damaged store, and said so. */
export async function storedBytes(
  store: Pick<FileStore, "get">,
  hash: string,
  what: string,
): Promise<Buffer> {
  return (await store.get(hash)) ?? missing(hash, what);
}

/** The stored bytes of `what` as a stream; one the store does not hold is said so, as storedBytes says it. */
export async function storedStream(
  store: Pick<FileStore, "stream">,
  hash: string,
  what: string,
): Promise<Readable> {
  return (await store.stream(hash)) ?? missing(hash, what);
}

function missing(hash: string, what: string): never {
  // Most often a process that keeps files elsewhere wrote it: every one must use the same store.
  throw new PostbagError(
    "not_found",
    `${what} is missing from the file store (do all servers and commands use the same POSTBAG_FILE_STORE?)`,
    { file: hash },
  );
}
