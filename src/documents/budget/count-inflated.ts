import { Inflate, Unzlib } from "fflate";
import { BudgetExceeded, type BudgetMeter } from "./decompression-budget.ts";

/** Compressed bytes fed to the inflater at a time: at most ~1,000 times this comes out per step. */
const STEP = 16 * 1024;

/**
 * Inflates deflate data in small steps, keeping none of the output, and adds
 * what comes out to the meter (which throws BudgetExceeded once its budget
 * is spent). Says how many bytes came out. Zlib-wrapped data (PDF's
 * FlateDecode) when `zlib` is set; raw deflate (a zip's parts) otherwise.
 * Damaged data ends the count where it breaks: `damaged` says so.
 */
export function countInflated(
  data: Uint8Array,
  meter: BudgetMeter,
  zlib = false,
): { produced: number; damaged: string | null } {
  let produced = 0;
  const onData = (chunk: Uint8Array) => {
    produced += chunk.length;
    meter.add(chunk.length);
  };
  const inflater = zlib ? new Unzlib(onData) : new Inflate(onData);
  try {
    for (let at = 0; at < data.length; at += STEP) {
      inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
      meter.checkTime();
    }
  } catch (error) {
    if (error instanceof BudgetExceeded) throw error;
    return { produced, damaged: (error as Error).message };
  }
  return { produced, damaged: null };
}
