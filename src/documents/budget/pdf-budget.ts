import { countInflated } from "./count-inflated.ts";
import {
  BudgetExceeded,
  BudgetMeter,
  DOCUMENT_BUDGET,
  type DecompressionBudget,
} from "./decompression-budget.ts";
import { countLzw } from "./count-lzw.ts";

// Before pdf-lib or pdf.js open a PDF from outside, every stream in it is
// unpacked once here, in small steps, keeping nothing, counting the bytes
// that come out: a 1 MB file whose page unpacks to a gigabyte is stopped at
// the budget, in well under a second, and reported, never handed on. Images
// are not unpacked (pdf.js reads only the pixels it needs) but their declared
// size is: decoding a 100,000 × 100,000 image would allocate all of it.

const STREAM = /\bstream\r?\n/;
const FILTERS = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/;

/** Why the PDF must not be opened (too much to unpack), or null. */
export function pdfBudgetProblem(
  bytes: Uint8Array,
  budget: DecompressionBudget = DOCUMENT_BUDGET,
): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const meter = new BudgetMeter(budget);
  try {
    // Each stream's data is skipped past once counted: bytes inside it that spell "stream" are not another.
    const streams = new RegExp(STREAM.source, "g");
    for (let match = streams.exec(text); match; match = streams.exec(text)) {
      const start = match.index + match[0].length;
      const end = text.indexOf("endstream", start);
      if (end < 0) break;
      const dictionary = text.slice(Math.max(0, text.lastIndexOf("obj", match.index)), match.index);
      const problem = countStream(dictionary, bytes.subarray(start, end), meter);
      if (problem) return problem;
      streams.lastIndex = end + "endstream".length;
    }
  } catch (error) {
    if (error instanceof BudgetExceeded) return `it ${error.message}`;
    throw error;
  }
  return null;
}

function countStream(dictionary: string, data: Uint8Array, meter: BudgetMeter): string | null {
  if (/\/Subtype\s*\/Image\b/.test(dictionary)) return imageProblem(dictionary, meter.budget);
  let body = data;
  for (const filter of filtersOf(dictionary)) {
    if (filter === "ASCIIHexDecode" || filter === "AHx") body = fromHex(body);
    else if (filter === "ASCII85Decode" || filter === "A85") body = fromAscii85(body);
    else {
      countUnpacked(filter, body, meter);
      return null;
    }
    meter.add(body.length);
  }
  return null;
}

/** Adds what the filter makes of the data to the meter. Image codecs outside an image are left to the reader. */
function countUnpacked(filter: string, data: Uint8Array, meter: BudgetMeter): void {
  if (filter === "FlateDecode" || filter === "Fl") countInflated(data, meter, true);
  else if (filter === "LZWDecode" || filter === "LZW") countLzw(data, meter);
  else if (filter === "RunLengthDecode" || filter === "RL") meter.add(runLengthSize(data));
}

function imageProblem(dictionary: string, budget: DecompressionBudget): string | null {
  const width = Number(/\/Width\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
  const height = Number(/\/Height\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
  if (width * height <= budget.maxImagePixels) return null;
  return `it holds an image of ${width} × ${height} pixels, too large to open safely (a decompression bomb?)`;
}

function filtersOf(dictionary: string): string[] {
  const found = FILTERS.exec(dictionary)?.[1] ?? "";
  return [...found.matchAll(/\/([A-Za-z0-9]+)/g)].map((match) => match[1]!);
}

function fromHex(data: Uint8Array): Uint8Array {
  const digits = Buffer.from(data)
    .toString("latin1")
    .replace(/[^0-9a-fA-F>]/g, "");
  const hex = digits.split(">")[0] ?? "";
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, "hex");
}

function fromAscii85(data: Uint8Array): Uint8Array {
  const text =
    Buffer.from(data).toString("latin1").replace(/\s/g, "").replace(/^<~/, "").split("~>")[0] ?? "";
  const out: number[] = [];
  let group: number[] = [];
  const flush = (length: number) => {
    while (group.length < 5) group.push(84);
    let value = 0;
    for (const digit of group) value = value * 85 + digit;
    for (let shift = 24, n = 0; n < length; shift -= 8, n += 1) out.push((value >>> shift) & 0xff);
    group = [];
  };
  for (const char of text) {
    if (char === "z" && group.length === 0) out.push(0, 0, 0, 0);
    else {
      group.push(char.charCodeAt(0) - 33);
      if (group.length === 5) flush(4);
    }
  }
  if (group.length > 1) flush(group.length - 1);
  return Uint8Array.from(out);
}

/** The size RunLengthDecode makes of the data (at most 128 times it), without making it. */
function runLengthSize(data: Uint8Array): number {
  let size = 0;
  for (let at = 0; at < data.length;) {
    const length = data[at]!;
    if (length === 128) break;
    if (length < 128) {
      size += length + 1;
      at += length + 2;
    } else {
      size += 257 - length;
      at += 2;
    }
  }
  return size;
}
