import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { link, mkdir, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

// The embedded database (PGlite) is one process's: whoever opens the data
// folder first owns it until it stops, and every other process reaches the
// database through the owner's socket. The lock file says who owns it; the
// owner's socket answering says it is still alive.

export interface Owner {
  pid: number;
  host: string;
  /** The command that opened it ("serve", "import"…), for the message others see. */
  command: string;
  startedAt: string;
  token: string;
}

export type Claim = { owned: true; owner: Owner; release(): Promise<void> } | { owned: false; owner: Owner };

const LOCK = "postbag.lock";
const GUARD = "postbag.lock.guard";
/** A guard older than this was left by a process killed in the few milliseconds it is held. */
const STALE_GUARD_MS = 10_000;

/**
 * Becomes the owner of `dataDir`, or names the owner already there. `isAlive`
 * is asked about an existing owner (by connecting to its socket); a dead
 * owner's lock is taken over. Decisions are made one process at a time, under
 * a guard folder (mkdir is atomic), so two openers never both take a stale lock.
 */
export async function claimDataFolder(
  dataDir: string,
  command: string,
  hooks: {
    isAlive(owner: Owner): Promise<boolean>;
    /** Run before others may look again: the new owner starts answering. */
    onClaimed(): Promise<void>;
  },
): Promise<Claim> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK);
  return underGuard(join(dataDir, GUARD), async () => {
    const existing = await readOwner(lockPath);
    if (existing && (await hooks.isAlive(existing))) return { owned: false, owner: existing };
    if (existing) await unlink(lockPath);
    const owner: Owner = {
      pid: process.pid,
      host: hostname(),
      command,
      startedAt: new Date().toISOString(),
      token: randomUUID(),
    };
    // Written whole under another name, then linked: the lock is never seen half-written.
    const draft = `${lockPath}.${owner.token}`;
    await writeFile(draft, JSON.stringify(owner));
    try {
      await link(draft, lockPath);
    } finally {
      await unlink(draft);
    }
    const release = () => releaseLock(lockPath, owner.token);
    await hooks.onClaimed().catch(async (error: unknown) => {
      await release();
      throw error;
    });
    return { owned: true, owner, release };
  });
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  const current = await readOwner(lockPath);
  if (current?.token === token) await unlink(lockPath);
}

async function readOwner(lockPath: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(lockPath, "utf8")) as Owner;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    // A lock that cannot be read was cut short by a crash while being written.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

async function underGuard<T>(guard: string, work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await mkdir(guard);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const since = await stat(guard).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (since > STALE_GUARD_MS) await rm(guard, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 100)));
    }
  }
  try {
    return await work();
  } finally {
    await rm(guard, { recursive: true, force: true });
  }
}
