import { countInflated } from "../documents/budget/count-inflated.ts";
import { BudgetExceeded, BudgetMeter, DOCUMENT_BUDGET } from "../documents/budget/decompression-budget.ts";

// DOCX and XLSX files are zips. mammoth and exceljs unpack every part into
// memory, so a small file that inflates to gigabytes (a zip bomb) would take
// the process down. Before either library sees the bytes, the zip's central
// directory is read by hand (the sizes each part declares), and then every
// part is actually inflated in small steps and counted, because a part can
// declare a small size and hold far more: the libraries trust the header.

/** More than this once unpacked is refused: no real reply document comes close. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
/** Deflate cannot do better than about 1,000 to 1; real Office parts are nearer 10 to 1. */
const MAX_RATIO = 200;
/** Ratios are only judged on parts big enough to matter (small XML parts compress very well). */
const RATIO_FLOOR = 5 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

/** Why the zip must not be unpacked, and whether that is for its size (too much to unpack) or its damage. */
export interface ZipVerdict {
  problem: string;
  tooLarge: boolean;
}

/** Why the zip must not be unpacked, or null when it is safe to hand on. */
export function zipRefusal(bytes: Uint8Array): string | null {
  return zipVerdict(bytes)?.problem ?? null;
}

export function zipVerdict(bytes: Uint8Array): ZipVerdict | null {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes);
  } catch (error) {
    return damaged(`the file is not a readable zip (${(error as Error).message})`);
  }
  let declared = 0;
  for (const entry of entries) {
    declared += entry.declaredSize;
    if (declared > MAX_UNPACKED_BYTES) {
      return tooLarge(
        `it would unpack to more than ${mb(MAX_UNPACKED_BYTES)} (a zip bomb?), so it was not opened`,
      );
    }
    const ratio = entry.declaredSize / Math.max(entry.compressedSize, 1);
    if (entry.declaredSize > RATIO_FLOOR && ratio > MAX_RATIO) {
      return tooLarge(
        `its part "${entry.name}" is compressed ${Math.round(ratio)} to 1, far beyond any real document (a zip bomb?), so it was not opened`,
      );
    }
  }
  for (const entry of entries) {
    const verdict = checkRealSize(bytes, entry);
    if (verdict) return verdict;
  }
  return null;
}

const damaged = (problem: string): ZipVerdict => ({ problem, tooLarge: false });
const tooLarge = (problem: string): ZipVerdict => ({ problem, tooLarge: true });

/** The names of the zip's parts, from its central directory (nothing is inflated). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  try {
    return readCentralDirectory(bytes).map((entry) => entry.name);
  } catch {
    return [];
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Reads the central directory: the End Of Central Directory record sits in the last 64 KB + 22 bytes. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error("no end of central directory");
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  // ZIP64 marks its fields 0xFFFF/0xFFFFFFFF: only needed past 4 GB or 65,535 parts.
  if (count === 0xffff || offset === 0xffffffff) throw new Error("ZIP64 is not expected in a document");
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      throw new Error("damaged central directory");
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      // 0xFFFFFFFF (ZIP64) counts as "too big", which it is for a document.
      declaredSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one part in small steps, never keeping the output, stopping once it passes its declared size. */
function checkRealSize(bytes: Uint8Array, entry: ZipEntry): ZipVerdict | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) {
    return damaged(`the file is not a readable zip (part "${entry.name}" is missing)`);
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    return data.length === entry.declaredSize
      ? null
      : damaged(`the file is not a readable zip (part "${entry.name}" is damaged)`);
  }
  if (entry.method !== 8) {
    return damaged(
      `part "${entry.name}" is compressed in a way Word and Excel do not use (method ${entry.method})`,
    );
  }
  // Counted against what the part declares: a part may not hold more than that.
  const meter = new BudgetMeter({ ...DOCUMENT_BUDGET, maxBytes: entry.declaredSize });
  try {
    const broken = countInflated(data, meter).damaged;
    if (broken) return damaged(`the file is not a readable zip (part "${entry.name}": ${broken})`);
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    const why = meter.timedOut ? error.message : "holds more than it declares (a zip bomb?)";
    return tooLarge(`its part "${entry.name}" ${why}, so it was not opened`);
  }
  return null;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
