import { spawn } from "node:child_process";
import type { Socket } from "node:net";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { freshDatabase } from "../support/databases.ts";
import { commandOn, rawSql } from "../support/records.ts";
import { ROOT, tempDir } from "../support/render-cli.ts";
import { serve } from "../support/serve-process.ts";
import { postbagAsync } from "../support/render-cli.ts";
import { WebClient } from "../support/web-app.ts";

// The embedded database has one owner: `postbag serve` (or whichever process
// opened the data folder first). The commands the README shows, run beside
// it, work through it: nothing written by either is lost.

const ADMIN = { POSTBAG_ADMIN_PASSWORD: "a long enough secret for tests" };

describe("postbag serve and the command line on one data folder", () => {
  it("keeps every write of both, sends nothing twice, and refuses a second serve", async () => {
    const database = await freshDatabase("pglite");
    const env = { ...database.env, ...ADMIN };
    const server = await serve(env);
    onTestFinished(() => server.stop());
    const packDir = join(tempDir("postbag-pack-"), "pack");

    // The README's daily commands, while staff use the web app of the same data.
    const commands = (async () => {
      const steps = [
        ["approve", "vru-2020", "--by", "admin@localhost"],
        ["record-sent", "vru-2020", "--recipient", "nottinghamshire", "--on", "2026-12-01", "--via", "email"],
        ["record-sent", "vru-2020", "--recipient", "thames-valley", "--on", "2026-12-01", "--via", "email"],
        ["print-pack", "vru-2020", "--out", packDir, "--json"],
      ];
      const results = [];
      for (const step of steps) results.push(await postbagAsync(step, env));
      return results;
    })();
    const staff = (async () => {
      const browser = new WebClient(server.address);
      await browser.get("/sign-in");
      const signedIn = await browser.post("/sign-in", {
        email: "admin@localhost",
        password: ADMIN.POSTBAG_ADMIN_PASSWORD,
      });
      const pages = [];
      for (let round = 0; round < 10; round += 1)
        pages.push((await browser.get("/manage/campaigns/vru-2020")).status);
      return { signedIn: signedIn.status, pages };
    })();
    const [results, web] = await Promise.all([commands, staff]);
    for (const result of results) expect(result.stderr).toBe("");
    expect(results.map((result) => result.status)).toEqual([0, 0, 0, 0]);
    expect(web).toEqual({ signedIn: 303, pages: Array(10).fill(200) });

    // The print pack, made after two letters were emailed, leaves them out.
    const manifest = readFileSync(join(packDir, "manifest.csv"), "utf8").trim().split("\n").slice(1);
    expect(manifest.map((row) => row.split(",")[0]).sort()).toEqual(["essex", "south-yorkshire", "sussex"]);

    const second = await postbagAsync(["serve"], { ...env, PORT: "0" });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`is in use by \`postbag serve\` (process ${server.pid}`);
    expect(second.stderr).toContain("stop it first, or give this one a data folder of its own");
    expect(second.stderr).not.toMatch(/\n\s+at /);

    await server.stop();
    expect(existsSync(join(database.location.dataDir, "postbag.lock"))).toBe(false);
    const status = (await commandOn(database).json(["status", "vru-2020"])) as {
      letters: { recipient: string; state: string }[];
    };
    expect(Object.fromEntries(status.letters.map((letter) => [letter.recipient, letter.state]))).toEqual({
      nottinghamshire: "sent",
      "thames-valley": "sent",
      sussex: "approved",
      essex: "approved",
      "south-yorkshire": "approved",
    });
    expect(await rawSql(database, "SELECT count(*)::int AS n FROM sessions")).toEqual([{ n: 1 }]);
    const verified = await postbagAsync(["audit", "verify"], env);
    expect(verified.stdout).toMatch(/The audit log is intact: \d+ entries/);
  });

  it("takes over the lock of an owner killed with SIGKILL", async () => {
    const database = await freshDatabase("pglite");
    const server = await serve({ ...database.env, ...ADMIN });
    onTestFinished(() => server.stop());
    process.kill(server.pid, "SIGKILL");
    await server.stop();
    const lock = JSON.parse(readFileSync(join(database.location.dataDir, "postbag.lock"), "utf8")) as {
      pid: number;
    };
    expect(lock.pid).toBe(server.pid);
    const status = await postbagAsync(["status", "vru-2020", "--json"], database.env);
    expect(status.stderr).toBe("");
    expect(JSON.parse(status.stdout).letters).toHaveLength(5);
    expect(existsSync(join(database.location.dataDir, "postbag.lock"))).toBe(false);
  });
});

describe("turns on the one PGlite session", () => {
  let dataDir: string;
  let owner: Database;
  let guest: Database;
  beforeAll(async () => {
    dataDir = tempDir("postbag-turns-");
    owner = await openDatabase({ dataDir, opener: { command: "test" } });
    await owner.migrate();
    guest = await openDatabase({ dataDir, opener: { command: "test" } });
  });
  afterAll(async () => {
    await guest?.close();
    await owner?.close();
  });
  const emails = async () =>
    (
      (await owner.db.execute(sql`SELECT email FROM users ORDER BY email`)) as unknown as {
        rows: { email: string }[];
      }
    ).rows.map((row) => row.email);
  const insert = (database: Database, email: string) =>
    database.db.execute(sql`INSERT INTO users (email, role) VALUES (${email}, 'viewer')`);

  it("opens the second as a guest of the first", () => {
    expect([owner.viaOwner, guest.viaOwner]).toEqual([false, true]);
  });

  it("never runs one side's statement inside the other's transaction", async () => {
    const rolledBack = (database: Database, email: string) =>
      database.db
        .transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO users (email, role) VALUES (${email}, 'viewer')`);
          await new Promise((resolve) => setTimeout(resolve, 300));
          throw new Error("roll back");
        })
        .catch((error: Error) => error.message);
    // Had the other side's insert landed inside the transaction, it would be rolled back with it.
    const outcomes = await Promise.all([
      rolledBack(owner, "owner-rolled-back@example.org"),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => insert(guest, "guest-kept@example.org")),
      rolledBack(guest, "guest-rolled-back@example.org"),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => insert(owner, "owner-kept@example.org")),
    ]);
    expect(outcomes[0]).toBe("roll back");
    expect(outcomes[2]).toBe("roll back");
    expect(await emails()).toEqual(["guest-kept@example.org", "owner-kept@example.org"]);
  });

  /** A guest process mid-transaction (test/support/guest-child.ts), once it says `ready`. */
  async function guestChild(ready: string) {
    const child = spawn(process.execPath, [
      "--import",
      "tsx",
      join(ROOT, "test/support/guest-child.ts"),
      dataDir,
    ]);
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes(ready) && resolve());
      child.on("exit", (code) => reject(new Error(`guest-child exited ${code}`)));
    });
    child.removeAllListeners("exit");
    return child;
  }

  it("rolls back a guest killed mid-transaction, and the owner goes on", async () => {
    const child = await guestChild("inside");
    child.kill("SIGKILL");
    await insert(owner, "after-the-kill@example.org");
    expect(await emails()).toContain("after-the-kill@example.org");
    expect(await emails()).not.toContain("killed-mid-transaction@example.org");
  });

  it("is not held up by a guest whose connection dies while it waits for its turn", async () => {
    const dying = await openDatabase({ dataDir, opener: { command: "test" } });
    const pool = (dying.db as unknown as { $client: { _clients: { connection: { stream: Socket } }[] } })
      .$client;
    let waited: Promise<unknown> = Promise.resolve();
    await owner.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
      // A parameterised query starts with Parse, which leaves its exchange open: it waits for the owner.
      waited = dying.db.execute(sql`SELECT ${1}::int AS one`).catch((error: Error) => error.message);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const client of pool._clients) client.connection.stream.destroy();
      // The owner sees the connection close while the query still waits for its turn.
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    await waited;
    // Had the dead connection kept the turn its Parse would take, this would wait for ever.
    await insert(owner, "after-a-waiting-guest@example.org");
    expect(await emails()).toContain("after-a-waiting-guest@example.org");
    await dying.close().catch(() => undefined);
  });
});
