import { createConnection, createServer, type Socket } from "node:net";
import { unlink } from "node:fs/promises";
import { resolve, join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";
import { PostbagError } from "../../errors.ts";
import { exclusiveSessions } from "./exclusive-sessions.ts";

// The owner of the embedded database shares it on a Unix socket in the data
// folder, speaking PostgreSQL's protocol (pglite-socket's framing), so other
// processes on this machine use it as a PostgreSQL client would. The folder's
// permissions guard it: no port is opened.

/** node-postgres finds a socket as <host folder>/.s.PGSQL.<port>. */
export const GUEST_PORT = 5432;
/** Longest socket path Linux and macOS accept (sun_path holds 108 and 104 bytes). */
const MAX_SOCKET_PATH = 103;
/** How long a stopping owner waits for guests still at work before closing on them. */
const GUEST_GRACE_MS = 15_000;

export function guestSocket(dataDir: string): { folder: string; path: string } {
  const folder = resolve(dataDir);
  const path = join(folder, `.s.PGSQL.${GUEST_PORT}`);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    throw new PostbagError(
      "database",
      `the data folder's path is too long for its socket (${path}): move it, or give a shorter --data`,
    );
  }
  return { folder, path };
}

/** Whether an owner answers on its socket. */
export function ownerAnswers(path: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((answered) => {
    const socket = createConnection(path);
    const done = (alive: boolean) => {
      socket.destroy();
      answered(alive);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export interface GuestListener {
  /** Stops taking guests; waits a while for those at work, then closes on them. */
  close(): Promise<void>;
}

/**
 * Listens at once (so the owner answers while its database still opens);
 * a guest's messages wait until `database` is ready.
 */
export async function listenForGuests(path: string, database: Promise<PGlite>): Promise<GuestListener> {
  // A socket left by a killed owner: the caller holds the lock, so it is no one's.
  await unlink(path).catch(() => undefined);
  const sockets = new Set<Socket>();
  let sessions: ReturnType<typeof exclusiveSessions> | undefined;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    database.then(
      (db) => {
        sessions ??= exclusiveSessions(db);
        // pglite-socket's handler types its queue as its own class; ours has the same methods.
        const queryQueue = sessions as unknown as ConstructorParameters<
          typeof PGLiteSocketHandler
        >[0]["queryQueue"];
        void new PGLiteSocketHandler({ queryQueue, closeOnDetach: true }).attach(socket);
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((listening, failed) => {
    server.once("error", failed);
    server.listen(path, () => listening());
  });
  return {
    async close() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      const deadline = Date.now() + GUEST_GRACE_MS;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      for (const socket of sockets) socket.destroy();
      await closed;
      // A guest closed on mid-turn is rolled back as its socket closes: wait for that.
      const db = await database.catch(() => undefined);
      await db?._runExclusiveTransaction(async () => {});
    },
  };
}
