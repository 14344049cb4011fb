import {
  endTask,
  findTask,
  reportTask,
  runningTask,
  startTask,
  taskReporter,
  type TaskView,
} from "../tasks/background-tasks.ts";
import { buildDigest, buildStamp, type BuildDigestDeps, type BuildProgress } from "./build-digest.ts";
import { digestFrame, textsStamp } from "./digest-sources.ts";
import { readDigestBuild } from "./digest-store.ts";

// Bringing a campaign's digest up to date when its replies have changed.
// A campaign of a few replies is built while the request waits (a second or
// two); a large one as a background task whose progress the digest page
// shows, any server's page alike (the task's row is in the database). One
// build at a time a campaign, across processes and servers (a named lock);
// under the lock the stamp is read again, so a build another finished
// meanwhile is not done twice.

/** "wait": build now; "background": now if small, else in a task; "never": the last build as it is (campaign-digest.ts). */
export type Refresh = "wait" | "background" | "never";

/** Reply texts up to this many bytes are built while the request waits. */
export const INLINE_BYTES = 1_500_000;
export const TASK_KIND = "digest-build";

export type RefreshDeps = BuildDigestDeps & { logError?: (error: unknown) => void };
type Deps = RefreshDeps;

/** Says the background task building it, or null when it was built (or left) while this waited. */
export async function refreshDigest(
  {
    campaign,
    actor,
    refresh,
    bytes,
    onProgress,
  }: {
    campaign: string;
    actor: string;
    refresh: Exclude<Refresh, "never">;
    bytes: number;
    onProgress?: BuildProgress;
  },
  deps: Deps,
): Promise<TaskView | null> {
  const database = await deps.database();
  if (refresh === "wait" || bytes <= INLINE_BYTES) {
    await database.exclusively(`digest:${campaign}`, () => buildIfOutOfDate(campaign, deps, onProgress));
    return null;
  }
  const running = await runningTask({ kind: TASK_KIND, campaign }, deps);
  if (running) return running;
  const id = await startTask({ kind: TASK_KIND, campaign, actor, step: "Waiting to start" }, deps);
  void runBuild(id, campaign, deps);
  return findTask({ id, campaign }, deps);
}

/** A task not heard of for TASK_SILENCE_MS is taken for dead: the ranking, one long job, says it is alive. */
const HEARTBEAT_MS = 60_000;

async function runBuild(id: number, campaign: string, deps: Deps): Promise<void> {
  const heartbeat = setInterval(() => void reportTask(id, {}, deps).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const held = await (
      await deps.database()
    ).ifFree(`digest:${campaign}`, () => buildIfOutOfDate(campaign, deps, taskReporter(id, deps)));
    const step = held.ran ? "Built" : "Built by another process";
    await endTask(id, { state: "done", outcome: held.ran ? held.result : null, step }, deps);
  } catch (error) {
    (deps.logError ?? console.error)(error);
    const step = "The digest could not be built: the last one is shown. Try again later.";
    await endTask(id, { state: "failed", outcome: null, step }, deps).catch(deps.logError ?? console.error);
  } finally {
    clearInterval(heartbeat);
  }
}

async function buildIfOutOfDate(campaign: string, deps: Deps, onProgress?: BuildProgress) {
  const frame = await digestFrame(campaign, deps);
  const stamp = buildStamp(frame, (await textsStamp(campaign, deps)).stamp);
  if ((await readDigestBuild(campaign, deps))?.stamp === stamp) return null;
  // Built from the frame and stamp just read, not read again.
  return buildDigest({ frame, stamp, ...(onProgress ? { onProgress } : {}) }, deps);
}
