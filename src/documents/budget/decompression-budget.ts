// How much unpacking a file from outside may cause before Postbag gives up on
// it, in bytes out and in time. A small file can unpack to gigabytes (a
// "decompression bomb"): past these, the file is reported as too large to
// check (a blocking finding) instead of taking the process's memory and time.

export interface DecompressionBudget {
  /** Bytes all the file's compressed parts may unpack to, together. */
  maxBytes: number;
  /** Milliseconds the counting may take. */
  maxMilliseconds: number;
  /** Pixels one embedded image may have (width × height): decoding one allocates them all. */
  maxImagePixels: number;
}

export const DOCUMENT_BUDGET: DecompressionBudget = {
  maxBytes: 256 * 1024 * 1024,
  maxMilliseconds: 20_000,
  maxImagePixels: 150_000_000,
};

/** Thrown by the counters when a budget is spent; its message, with "it" before it, says which and how. */
export class BudgetExceeded extends Error {
  override readonly name = "BudgetExceeded";
}

/** A running count of bytes out against a budget, with its deadline. */
export class BudgetMeter {
  private produced = 0;
  private readonly deadline: number;
  /** Whether the time, rather than the bytes, ran out. */
  timedOut = false;

  constructor(readonly budget: DecompressionBudget = DOCUMENT_BUDGET) {
    this.deadline = Date.now() + budget.maxMilliseconds;
  }

  add(bytes: number): void {
    this.produced += bytes;
    if (this.produced > this.budget.maxBytes) {
      throw new BudgetExceeded(
        `unpacks to more than ${megabytes(this.budget.maxBytes)} (a decompression bomb?)`,
      );
    }
  }

  checkTime(): void {
    if (Date.now() > this.deadline) {
      this.timedOut = true;
      throw new BudgetExceeded(`took longer than ${this.budget.maxMilliseconds / 1000} s to unpack`);
    }
  }
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
