import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import { PostbagError } from "../errors.ts";
import type { Database } from "../store/database.ts";
import { backgroundTasks } from "../store/schema.ts";

// Work that outlasts its request, recorded in the database so that any
// process or server can show its progress, and a restart can tell the ones
// that died: they are all or nothing, so a dead one changed nothing and is
// marked failed, saying so.

export type TaskState = "running" | "done" | "failed";

export interface TaskView {
  id: number;
  kind: string;
  campaign: string;
  state: TaskState;
  step: string;
  done: number;
  total: number;
  outcome: unknown;
  actor: string;
  createdAt: Date;
  updatedAt: Date;
}

type Deps = { database(): Promise<Database> };

/** A running task not heard of for this long died with its process. */
export const TASK_SILENCE_MS = 10 * 60 * 1000;

export async function startTask(
  { kind, campaign, actor, step }: { kind: string; campaign: string; actor: string; step: string },
  deps: Deps,
): Promise<number> {
  const { db } = await deps.database();
  const [row] = await db
    .insert(backgroundTasks)
    .values({ kind, campaignId: campaign, actor, step })
    .returning({ id: backgroundTasks.id });
  return row!.id;
}

/** Records what a running task is doing now (and that it is alive). */
export async function reportTask(
  id: number,
  progress: { step?: string; done?: number; total?: number },
  deps: Deps,
): Promise<void> {
  const { db } = await deps.database();
  await db
    .update(backgroundTasks)
    .set({ ...progress, updatedAt: sql`now()` })
    .where(and(eq(backgroundTasks.id, id), eq(backgroundTasks.state, "running")));
}

export async function endTask(
  id: number,
  { state, outcome, step }: { state: "done" | "failed"; outcome: unknown; step: string },
  deps: Deps,
): Promise<void> {
  const { db } = await deps.database();
  await db
    .update(backgroundTasks)
    .set({ state, outcome, step, updatedAt: sql`now()` })
    .where(eq(backgroundTasks.id, id));
}

export async function findTask(
  { id, campaign }: { id: number; campaign: string },
  deps: Deps,
): Promise<TaskView> {
  const { db } = await deps.database();
  const [row] = await db
    .select()
    .from(backgroundTasks)
    .where(and(eq(backgroundTasks.id, id), eq(backgroundTasks.campaignId, campaign)));
  if (!row)
    throw new PostbagError("not_found", `there is no task ${id} of campaign ${campaign}`, { field: "task" });
  const { campaignId, state, ...rest } = row;
  return { ...rest, campaign: campaignId, state: state as TaskState };
}

/**
 * Marks failed the running tasks not heard of for a while (their process
 * died: nothing of theirs was kept). `all` marks every running one (a
 * process that holds the embedded database alone knows none is running).
 */
export async function failAbandonedTasks({ all = false }: { all?: boolean }, deps: Deps): Promise<number> {
  const { db } = await deps.database();
  const silent = all
    ? eq(backgroundTasks.state, "running")
    : and(
        eq(backgroundTasks.state, "running"),
        lt(backgroundTasks.updatedAt, new Date(Date.now() - TASK_SILENCE_MS)),
      );
  const failed = await db
    .update(backgroundTasks)
    .set({
      state: "failed",
      step: "Stopped: Postbag stopped while this ran. Nothing was changed: start it again.",
      updatedAt: sql`now()`,
    })
    .where(silent)
    .returning({ id: backgroundTasks.id });
  return failed.length;
}

/** The task of this kind running now for the campaign (heard of lately), if one is. */
export async function runningTask(
  { kind, campaign }: { kind: string; campaign: string },
  deps: Deps,
): Promise<TaskView | null> {
  const { db } = await deps.database();
  const [row] = await db
    .select({ id: backgroundTasks.id })
    .from(backgroundTasks)
    .where(
      and(
        eq(backgroundTasks.kind, kind),
        eq(backgroundTasks.campaignId, campaign),
        eq(backgroundTasks.state, "running"),
        gt(backgroundTasks.updatedAt, new Date(Date.now() - TASK_SILENCE_MS)),
      ),
    )
    .orderBy(desc(backgroundTasks.id))
    .limit(1);
  return row ? findTask({ id: row.id, campaign }, deps) : null;
}

/** Progress is written at most this often (and at every new step). */
const REPORT_EVERY_MS = 500;

/** A task's progress callback: writes every new step, and otherwise at most twice a second. */
export function taskReporter(
  id: number,
  deps: Deps,
): (step: string, done: number, total: number) => Promise<void> {
  let lastStep = "";
  let lastAt = 0;
  return async (step, done, total) => {
    const now = Date.now();
    if (step === lastStep && now - lastAt < REPORT_EVERY_MS) return;
    lastStep = step;
    lastAt = now;
    await reportTask(id, { step, done, total }, deps);
  };
}
