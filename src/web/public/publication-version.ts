import { setTimeout as sleep } from "node:timers/promises";

/** How long a public request waits for the version on a busy embedded database before using the last one read. */
export const BUSY_WAIT_MS = 250;

export interface VersionRead {
  version: string;
  /** The database was busy: the last version read was used, and an expired page may be served. */
  busy: boolean;
}

/**
 * The publication version the page cache keys on, read from the database on
 * every request, so a change made by any process or server shows at once.
 * On PGlite the read waits behind whatever transaction holds the one
 * connection (a large import takes seconds). No publication change can
 * commit meanwhile either, so the last version read is still the current
 * one: after a short wait it is used, and the read finishes in the
 * background. On PostgreSQL a read never waits for a writer, so it is
 * always awaited.
 */
export function publicationVersion(
  read: () => Promise<string>,
  readsWaitForWriters: () => Promise<boolean>,
): () => Promise<VersionRead> {
  let last: string | undefined;
  return async () => {
    const reading = read().then((version) => (last = version));
    const known = last;
    if (known === undefined || !(await readsWaitForWriters())) return { version: await reading, busy: false };
    // A read that fails after the wait is over has no one to tell; the next request reads again.
    reading.catch(() => {});
    const stop = new AbortController();
    const waited = sleep(BUSY_WAIT_MS, undefined, { signal: stop.signal }).catch(() => undefined);
    const version = await Promise.race([reading, waited]);
    stop.abort();
    return version === undefined ? { version: known, busy: true } : { version, busy: false };
  };
}
