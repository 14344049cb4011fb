import { fork, type ChildProcess } from "node:child_process";
import { workerProcess } from "../../entry-points.ts";
import type { OcrAnswer, OcrRequest } from "./ocr-messages.ts";
import type { OcrPage } from "./scan-reading.ts";
import type { ScanImage } from "./scan-images.ts";

// Scans are read in worker processes, at most `workers` at once, each
// holding one Tesseract. A page that takes too long ends its worker (the
// page is given up, the caller told why); a worker with nothing to do for
// `idleMs` ends, giving back its memory (about 330 MB while it reads: Node.js,
// tesseract.js' thread and its WebAssembly heap; npm run bench:ocr), and
// an idle worker never keeps the process alive.

export interface OcrPoolOptions {
  workers: number;
  /** Tesseract's languages, joined by "+" ("eng", "eng+cym"). */
  languages: string;
  pageTimeoutMs: number;
  idleMs?: number;
}

const WORKER = workerProcess("ocr-worker");
/** What Tesseract prints about each picture as it reads it. */
const TESSERACT_CHATTER =
  /^(Estimating resolution as \d+|Detected \d+ diacritics|Warning: Invalid resolution|Too few characters)/;

interface Pending {
  request: OcrRequest;
  resolve(page: OcrPage): void;
  reject(error: Error): void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

export class OcrPool {
  private readonly workers = new Set<Worker>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private engineName = "";

  constructor(private readonly options: OcrPoolOptions) {}

  /** "tesseract.js 7.0.0, eng": known once a worker has started. */
  get engine(): string {
    return this.engineName || `tesseract.js, ${this.options.languages}`;
  }

  read(image: ScanImage): Promise<OcrPage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, image }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    for (const worker of [...this.workers]) this.end(worker, new Error("Postbag is stopping"));
    for (const pending of this.queue.splice(0)) pending.reject(new Error("Postbag is stopping"));
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      if (this.queue.length === 0) break;
      if (worker.ready && !worker.current) this.give(worker, this.queue.shift()!);
    }
    const starting = [...this.workers].filter((worker) => !worker.ready).length;
    while (this.queue.length > starting && this.workers.size < this.options.workers) this.spawn();
  }

  private give(worker: Worker, pending: Pending): void {
    if (worker.timer) clearTimeout(worker.timer);
    worker.current = pending;
    hold(worker.child, true);
    worker.timer = setTimeout(
      () =>
        this.end(
          worker,
          new Error(
            `reading page ${pending.request.image.page} took longer than ${seconds(this.options.pageTimeoutMs)} s`,
          ),
        ),
      this.options.pageTimeoutMs,
    );
    worker.child.send(pending.request);
  }

  private spawn(): void {
    const child = fork(WORKER.file, [this.options.languages], {
      execArgv: WORKER.execArgv,
      // Tesseract says what it guessed of each picture ("Estimating resolution as 262") on its
      // output: that is not for the user, but anything else the worker says is passed on.
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    const worker: Worker = { child, ready: false, current: null, timer: null };
    this.workers.add(worker);
    child.on("message", (answer: OcrAnswer) => this.answer(worker, answer));
    child.stderr?.on("data", (chunk: Buffer) => {
      const said = chunk
        .toString()
        .split("\n")
        .filter((line) => line.trim() !== "" && !TESSERACT_CHATTER.test(line));
      if (said.length > 0) process.stderr.write(`${said.join("\n")}\n`);
    });
    child.on("exit", (code, signal) =>
      this.end(worker, new Error(`the OCR worker stopped (${signal ?? `exit code ${code}`})`)),
    );
  }

  private answer(worker: Worker, answer: OcrAnswer): void {
    if (answer.type === "ready") {
      worker.ready = true;
      this.engineName = answer.engine;
    } else {
      const pending = worker.current;
      if (!pending || pending.request.id !== answer.id) return;
      worker.current = null;
      if (answer.type === "read") pending.resolve(answer.page);
      else
        pending.reject(new Error(`page ${pending.request.image.page} could not be read: ${answer.detail}`));
    }
    this.dispatch();
    if (!worker.current) this.idle(worker);
  }

  private idle(worker: Worker): void {
    if (worker.timer) clearTimeout(worker.timer);
    hold(worker.child, false);
    const timer = setTimeout(() => this.end(worker, null), this.options.idleMs ?? 20_000);
    timer.unref();
    worker.timer = timer;
  }

  /** Ends a worker; the page it held fails with `error`. */
  private end(worker: Worker, error: Error | null): void {
    if (!this.workers.delete(worker)) return;
    if (worker.timer) clearTimeout(worker.timer);
    worker.child.removeAllListeners("exit");
    worker.child.kill();
    if (worker.current && error) worker.current.reject(error);
    // A worker that never started fails what waits, rather than starting another forever.
    if (!worker.ready && error) for (const pending of this.queue.splice(0)) pending.reject(error);
    this.dispatch();
  }
}

/** Whether the worker (its process and its message channel) keeps this process alive. */
function hold(child: ChildProcess, keepAlive: boolean): void {
  const channel = child.channel as { ref?(): void; unref?(): void } | null | undefined;
  if (keepAlive) {
    child.ref();
    channel?.ref?.();
  } else {
    child.unref();
    channel?.unref?.();
  }
}

function seconds(milliseconds: number): string {
  return String(Math.round(milliseconds / 100) / 10);
}
