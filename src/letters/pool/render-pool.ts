import { fork, type ChildProcess } from "node:child_process";
import { PostbagError, type ErrorCode } from "../../errors.ts";
import { workerProcess } from "../../entry-points.ts";
import type { Format, Letter, RenderOptions } from "../model.ts";
import type { JobResult, RenderJob, RenderedFile } from "./messages.ts";

// Renders letters in worker processes, one per core. Typst's native memory
// grows with every letter and is never given back, so each worker is
// replaced after `recycleAfter` letters: the process's exit returns it all.

export interface RenderPoolOptions {
  workers: number;
  recycleAfter: number;
}

export interface BatchRequest {
  letters: Letter[];
  formats: Format[];
  dir: string;
  options: RenderOptions;
  onLetterDone?: (done: number, total: number) => void;
}

const WORKER = workerProcess("render-worker");
/** Jobs sent ahead to each worker, so it never waits for the next one. */
const IN_FLIGHT_PER_WORKER = 2;
/**
 * V8's young generation, per semi-space, in MB (Node's default is 16). Typst's
 * native memory is freed only when V8 collects the JS objects that hold it:
 * with small semi-spaces that happens every few letters, and a worker's RSS
 * stays near 140 MB over 2,000 letters instead of climbing to 300 MB.
 */
const SEMI_SPACE_MB = 2;
/** Letters a new worker's start-up (~0.4 s) is worth: fewer left, the others finish them sooner. */
const SUCCESSOR_WORTH = 30;

interface Worker {
  child: ChildProcess;
  started: number;
  inFlight: Map<number, RenderJob>;
}

export class RenderPool {
  constructor(private readonly settings: RenderPoolOptions) {}

  /** Renders every letter in every format into `dir`; rejects on the first failure. */
  renderBatch(request: BatchRequest): Promise<RenderedFile[]> {
    return new Batch(request, this.settings).run();
  }
}

class Batch {
  private readonly queue: RenderJob[];
  private readonly files: RenderedFile[] = [];
  private readonly workers = new Set<Worker>();
  private done = 0;
  private finished = false;
  private resolve!: (files: RenderedFile[]) => void;
  private reject!: (error: Error) => void;

  constructor(
    private readonly request: BatchRequest,
    private readonly settings: RenderPoolOptions,
  ) {
    this.queue = request.letters.map((letter, jobId) => ({
      type: "render",
      jobId,
      letter,
      formats: request.formats,
      dir: request.dir,
      options: request.options,
    }));
  }

  run(): Promise<RenderedFile[]> {
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      if (this.queue.length === 0) return this.finish();
      const count = Math.max(1, Math.min(this.settings.workers, Math.ceil(this.queue.length / 4)));
      for (let i = 0; i < count; i += 1) this.spawn();
    });
  }

  private spawn(): void {
    const child = fork(WORKER.file, [], {
      execArgv: [`--max-semi-space-size=${SEMI_SPACE_MB}`, ...WORKER.execArgv],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
    });
    const worker: Worker = { child, started: 0, inFlight: new Map() };
    this.workers.add(worker);
    child.on("message", (message: JobResult | { type: "ready" }) => {
      if (message.type === "ready") this.feed(worker);
      else this.settle(worker, message);
    });
    child.on("exit", (code, signal) => this.lost(worker, code, signal));
  }

  private feed(worker: Worker): void {
    while (
      !this.finished &&
      worker.inFlight.size < IN_FLIGHT_PER_WORKER &&
      worker.started < this.settings.recycleAfter
    ) {
      const job = this.queue.shift();
      if (!job) break;
      worker.inFlight.set(job.jobId, job);
      worker.started += 1;
      worker.child.send(job);
    }
    if (worker.inFlight.size === 0) this.retire(worker, this.needsSuccessor(worker));
  }

  /** Whether a retiring worker must be replaced, or the others can take what is left. */
  private needsSuccessor(retiring: Worker): boolean {
    let room = 0;
    for (const other of this.workers) {
      if (other !== retiring) room += this.settings.recycleAfter - other.started;
    }
    return this.queue.length > Math.min(room, SUCCESSOR_WORTH);
  }

  private settle(worker: Worker, result: JobResult): void {
    worker.inFlight.delete(result.jobId);
    if (this.finished) return;
    if (result.type === "failed") {
      const { code, detail, location } = result.error;
      return this.fail(new PostbagError(code as ErrorCode, detail, location));
    }
    this.files.push(...result.files);
    this.done += 1;
    this.request.onLetterDone?.(this.done, this.request.letters.length);
    if (this.done === this.request.letters.length) return this.finish();
    this.feed(worker);
  }

  /** Ends a worker; with `replace`, a fresh one takes over its share. */
  private retire(worker: Worker, replace: boolean): void {
    if (!this.workers.delete(worker)) return;
    worker.child.removeAllListeners("exit");
    worker.child.kill();
    if (replace && !this.finished) this.spawn();
  }

  /** A worker died on its own: its letters go back in the queue, once. */
  private lost(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.workers.delete(worker) || this.finished) return;
    const jobs = [...worker.inFlight.values()];
    if (jobs.some((job) => job.retried)) {
      return this.fail(
        new PostbagError(
          "render_failed",
          `a render worker stopped (${signal ?? `exit code ${code}`}) twice on the same letter`,
        ),
      );
    }
    for (const job of jobs) this.queue.unshift({ ...job, retried: true });
    this.spawn();
  }

  private fail(error: Error): void {
    this.stopAll();
    this.reject(error);
  }

  private finish(): void {
    this.stopAll();
    this.resolve(this.files);
  }

  private stopAll(): void {
    this.finished = true;
    for (const worker of this.workers) this.retire(worker, false);
  }
}
