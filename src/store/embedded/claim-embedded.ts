import { hostname } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PoolConfig } from "pg";
import { PostbagError } from "../../errors.ts";
import type { Opener } from "../database.ts";
import {
  GUEST_PORT,
  guestSocket,
  listenForGuests,
  ownerAnswers,
  type GuestListener,
} from "./guest-socket.ts";
import { pgliteRuntime } from "./pglite-runtime.ts";
import { claimDataFolder, type Owner } from "./owner-lock.ts";

/** PGlite's 4 MB work_mem makes sorts of long lists spill to its virtual disk. */
const START_SETTINGS = ["-c", "work_mem=32MB"];
/**
 * PostgreSQL's 128 MB of shared buffers are zeroed in WebAssembly memory at
 * every start: about 0.45 s of the 1 s PGlite takes to open. A brief command
 * starts with 16 MB, which holds what a command reads; the server keeps 128
 * MB, which a large import needs to keep its statements short while the
 * public site waits for the one connection.
 */
const BRIEF_SETTINGS = ["-c", "shared_buffers=16MB"];

export type EmbeddedClaim =
  { guestOf: PoolConfig } | { guestOf?: undefined; open(): Promise<PGlite>; close(): Promise<void> };

/**
 * Owns the data folder's PGlite, or finds its owner and connects as its guest.
 * `mustOwn` (postbag serve) refuses instead: two servers on one folder would
 * each run the send worker and the reply poller.
 */
export async function claimEmbedded(dataDir: string, opener: Opener): Promise<EmbeddedClaim> {
  const socket = guestSocket(dataDir);
  let ready: { resolve(db: PGlite): void; reject(error: unknown): void } | undefined;
  const database = new Promise<PGlite>((resolve, reject) => (ready = { resolve, reject }));
  database.catch(() => undefined);
  let listener: GuestListener | undefined;
  const claim = await claimDataFolder(dataDir, opener.command, {
    isAlive: (owner) => ownerIsAlive(owner, socket.path),
    onClaimed: async () => {
      listener = await listenForGuests(socket.path, database);
    },
  });
  if (!claim.owned) {
    if (opener.mustOwn) throw inUse(dataDir, claim.owner, opener.command);
    return { guestOf: { host: socket.folder, port: GUEST_PORT, user: "postgres", database: "postgres" } };
  }
  let client: PGlite | undefined;
  const stop = async () => {
    await listener?.close();
    await client?.close();
    await claim.release();
  };
  return {
    async open() {
      try {
        const { PGlite, options } = await pgliteRuntime();
        client = await PGlite.create(join(dataDir, "pglite"), {
          ...options,
          startParams: [
            ...PGlite.defaultStartParams,
            ...START_SETTINGS,
            ...(opener.brief ? BRIEF_SETTINGS : []),
          ],
        });
        ready?.resolve(client);
        return client;
      } catch (error) {
        ready?.reject(error);
        await stop();
        throw error;
      }
    },
    close: stop,
  };
}

async function ownerIsAlive(owner: Owner, socketPath: string): Promise<boolean> {
  // Another machine's process (a shared disk) cannot be asked: taken as alive.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  return ownerAnswers(socketPath);
}

function inUse(dataDir: string, owner: Owner, refused: string): PostbagError {
  const since = owner.startedAt.slice(0, 16).replace("T", " ");
  const first = owner.command === "serve" ? "stop it first" : "wait for it to finish";
  // Another server may simply use a folder of its own; other work needs this folder to itself.
  const advice =
    refused === "serve"
      ? `${first}, or give this one a data folder of its own (--data or POSTBAG_DATA)`
      : `${first}, then run this again`;
  return new PostbagError(
    "database",
    `the data folder ${dataDir} is in use by \`postbag ${owner.command}\` (process ${owner.pid} on ${owner.host}, since ${since} UTC): ${advice}`,
  );
}
