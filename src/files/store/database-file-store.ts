import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { and, asc, eq, gte } from "drizzle-orm";
import type { Database } from "../../store/database.ts";
import { fileParts } from "../../store/schema.ts";
import type { FileStore } from "../file-store.ts";

/** A part of a file per row: a 20 MB reply is 20 rows, read one at a time when streamed. */
const PART_BYTES = 1024 * 1024;

/**
 * The file store in the database (POSTBAG_FILE_STORE=database): every part
 * of a file is written in one transaction, so a file is there whole or not at
 * all, and a killed process leaves nothing to clean up.
 */
export function databaseFileStore(database: () => Promise<Database>): FileStore {
  const has = async (hash: string) => {
    const { db } = await database();
    const [first] = await db
      .select({ part: fileParts.part })
      .from(fileParts)
      .where(and(eq(fileParts.hash, hash), eq(fileParts.part, 0)));
    return first !== undefined;
  };
  const partsFrom = async (hash: string, from: number, limit: number) => {
    const { db } = await database();
    return db
      .select({ bytes: fileParts.bytes })
      .from(fileParts)
      .where(and(eq(fileParts.hash, hash), gte(fileParts.part, from)))
      .orderBy(asc(fileParts.part))
      .limit(limit);
  };
  return {
    async put(bytes) {
      const hash = createHash("sha256").update(bytes).digest("hex");
      if (!(await has(hash))) {
        const { db } = await database();
        const parts: { hash: string; part: number; bytes: Buffer }[] = [];
        for (let part = 0; part * PART_BYTES < Math.max(bytes.length, 1); part += 1) {
          parts.push({ hash, part, bytes: bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES) });
        }
        // Two servers storing the same bytes at once: the second's rows are already there.
        await db.transaction(async (tx) => {
          for (const row of parts) await tx.insert(fileParts).values(row).onConflictDoNothing();
        });
      }
      return { hash, size: bytes.length };
    },
    async get(hash) {
      const parts = await partsFrom(hash, 0, Number.MAX_SAFE_INTEGER);
      return parts.length === 0 ? null : Buffer.concat(parts.map((row) => row.bytes));
    },
    async stream(hash) {
      if (!(await has(hash))) return null;
      let next = 0;
      return new Readable({
        read() {
          partsFrom(hash, next, 1).then(
            ([row]) => {
              next += 1;
              this.push(row ? row.bytes : null);
            },
            (error: Error) => this.destroy(error),
          );
        },
      });
    },
    async *list() {
      const { db } = await database();
      const rows = await db.select({ hash: fileParts.hash }).from(fileParts).where(eq(fileParts.part, 0));
      for (const row of rows) yield row.hash;
    },
    removeOrphans: async () => [],
  };
}
