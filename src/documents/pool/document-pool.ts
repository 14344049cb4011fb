import { Worker } from "node:worker_threads";
import { workerThread } from "../../entry-points.ts";
import { errorOf, type DocumentJob, type JobAnswer, type JobResults } from "./document-jobs.ts";

// Files from outside are checked, redacted and read in threads of their own,
// each job with a deadline and each thread with a heap limit: a file that
// takes too long or too much memory (past what the decompression budget
// catches) ends its thread, not the server, and the caller is told so. The
// server's own thread keeps answering meanwhile.

const ENTRY = workerThread("document-worker");

export interface DocumentPoolOptions {
  /** Threads working at once (default 1: documents come a few at a time). */
  threads?: number;
  /** Longest a job may take before its thread is stopped. */
  timeoutMs?: number;
  /** The thread's JavaScript heap, in MB. */
  heapMb?: number;
}

/** Why a job did not finish: out of time, or its thread ran out of memory or crashed. */
export class DocumentJobStopped extends Error {
  override readonly name = "DocumentJobStopped";
}

interface Pending {
  id: number;
  job: DocumentJob;
  /** This job's deadline, when not the pool's. */
  timeoutMs?: number | undefined;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

export class DocumentPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly heapMb: number;

  constructor(options: DocumentPoolOptions = {}) {
    this.size = options.threads ?? 1;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.heapMb = options.heapMb ?? 1024;
  }

  run<Kind extends DocumentJob["kind"]>(
    job: Extract<DocumentJob, { kind: Kind }>,
    { timeoutMs }: { timeoutMs?: number } = {},
  ): Promise<JobResults[Kind]> {
    return new Promise<unknown>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, timeoutMs, resolve, reject });
      this.dispatch();
    }) as Promise<JobResults[Kind]>;
  }

  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((candidate) => candidate.current === null) ?? this.spawn();
      if (!thread) return;
      const pending = this.queue.shift()!;
      thread.current = pending;
      // A thread at work keeps the process alive; an idle one does not (release()).
      thread.worker.ref();
      const timeoutMs = pending.timeoutMs ?? this.timeoutMs;
      thread.timer = setTimeout(
        () => this.stop(thread, `it took longer than ${seconds(timeoutMs)} s to open`),
        timeoutMs,
      );
      thread.worker.postMessage({ id: pending.id, job: pending.job });
    }
  }

  private spawn(): Thread | null {
    if (this.threads.length >= this.size) return null;
    const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    const thread: Thread = { worker, current: null, timer: null };
    worker.on("message", (answer: JobAnswer) => this.finish(thread, answer));
    worker.on("error", (error) =>
      this.stop(
        thread,
        (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `it needed more than ${this.heapMb} MB of memory to open`
          : `opening it failed (${error.message})`,
      ),
    );
    worker.on("exit", (code) => this.stop(thread, `opening it stopped the reader (exit ${code})`));
    this.threads.push(thread);
    return thread;
  }

  private finish(thread: Thread, answer: JobAnswer): void {
    const pending = thread.current;
    if (!pending || pending.id !== answer.id) return;
    this.release(thread);
    if (answer.ok) pending.resolve(answer.result);
    else pending.reject(errorOf(answer));
    this.dispatch();
  }

  /** Ends the thread (and the job it holds, with the reason); a new one is started when needed. */
  private stop(thread: Thread, reason: string): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    const pending = thread.current;
    this.release(thread);
    void thread.worker.terminate();
    pending?.reject(new DocumentJobStopped(reason));
    this.dispatch();
  }

  private release(thread: Thread): void {
    thread.worker.unref();
    if (thread.timer) clearTimeout(thread.timer);
    thread.timer = null;
    thread.current = null;
  }
}

function seconds(milliseconds: number): string {
  return milliseconds >= 1000 ? String(Math.round(milliseconds / 1000)) : String(milliseconds / 1000);
}
