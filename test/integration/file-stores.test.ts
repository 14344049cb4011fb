import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fileStore, type FileStore } from "../../src/files/file-store.ts";
import { databaseFileStore } from "../../src/files/store/database-file-store.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { tempDir } from "../support/render-cli.ts";

// The two file stores behave alike: the data folder (the default) and the
// database (for servers that share nothing else). A file larger than a part
// (1 MB) comes back whole, by get and by stream.

describeOnEachDatabase("file stores", (kind) => {
  let test: TestDatabase;
  let database: Database;
  const stores: Record<string, () => FileStore> = {};
  beforeAll(async () => {
    test = await freshDatabase(kind);
    database = await openDatabase(test.location);
    await database.migrate();
    const inDatabase = databaseFileStore(async () => database);
    const inFolder = fileStore(join(tempDir("postbag-files-"), "files"));
    stores.database = () => inDatabase;
    stores.folder = () => inFolder;
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  for (const name of ["database", "folder"]) {
    it(`keeps a 2.5 MB file whole in the ${name} store, once, however often it is put at once`, async () => {
      const store = stores[name]!();
      const bytes = randomBytes(2.5 * 1024 * 1024);
      const puts = await Promise.all(Array.from({ length: 4 }, () => store.put(bytes)));
      expect(new Set(puts.map((put) => put.hash)).size).toBe(1);
      expect(puts[0]!.size).toBe(bytes.length);
      const hash = puts[0]!.hash;
      expect((await store.get(hash))?.equals(bytes)).toBe(true);
      const stream = await store.stream(hash);
      const chunks: Buffer[] = [];
      for await (const chunk of stream!) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
      if (name === "database") expect(chunks.length).toBe(3);
    });

    it(`answers null for a hash the ${name} store does not hold, and for one that is not a hash`, async () => {
      const store = stores[name]!();
      expect(await store.get("0".repeat(64))).toBeNull();
      expect(await store.stream("0".repeat(64))).toBeNull();
      expect(await store.get("../../etc/passwd")).toBeNull();
    });

    it(`keeps an empty file in the ${name} store`, async () => {
      const store = stores[name]!();
      const { hash, size } = await store.put(Buffer.alloc(0));
      expect(size).toBe(0);
      expect(await store.get(hash)).toEqual(Buffer.alloc(0));
    });
  }
});
