import type { BudgetMeter } from "./decompression-budget.ts";

/**
 * Counts what PDF's LZWDecode (early change, as PDF writes it by default)
 * makes of the data, without making it: only the length of each table entry
 * is kept. Adds it to the meter, which throws once the budget is spent.
 */
export function countLzw(data: Uint8Array, meter: BudgetMeter): void {
  const lengths = new Uint32Array(4096);
  lengths.fill(1, 0, 256);
  let next = 258;
  let width = 9;
  let previous = -1;
  let bits = 0;
  let buffer = 0;
  for (let at = 0; at < data.length; at += 1) {
    buffer = (buffer << 8) | data[at]!;
    bits += 8;
    while (bits >= width) {
      bits -= width;
      const code = (buffer >>> bits) & ((1 << width) - 1);
      buffer &= (1 << bits) - 1;
      if (code === 256) {
        next = 258;
        width = 9;
        previous = -1;
        continue;
      }
      if (code === 257) return;
      const length = code < next ? lengths[code]! : previous >= 0 ? lengths[previous]! + 1 : 1;
      meter.add(length);
      if (previous >= 0 && next < 4096) {
        lengths[next] = lengths[previous]! + 1;
        next += 1;
      }
      previous = code;
      if (next + 1 >= 1 << width && width < 12) width += 1;
    }
    if ((at & 0xffff) === 0) meter.checkTime();
  }
}
