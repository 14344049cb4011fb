// fflate does not report file modes, so a symbolic link would be unpacked as
// a file holding its target. To refuse links outright, each entry's mode is
// read from the zip's central directory (PKWARE APPNOTE 4.3.12).

const END = 0x06054b50;
const END64_LOCATOR = 0x07064b50;
const END64 = 0x06064b50;
const ENTRY = 0x02014b50;
/** Hosts whose external attributes hold a Unix st_mode in their high half: Unix, macOS. */
const UNIX_HOSTS = new Set([3, 19]);

/** The name of the first symbolic link in the zip, or null. */
export function firstSymlink(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && bytes.length - end <= 65557 && view.getUint32(end, true) !== END) end -= 1;
  if (end < 0 || view.getUint32(end, true) !== END) return null; // not a zip: unzipSync says so
  let count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (end >= 20 && view.getUint32(end - 20, true) === END64_LOCATOR) {
    const end64 = Number(view.getBigUint64(end - 12, true));
    if (end64 + 56 <= bytes.length && view.getUint32(end64, true) === END64) {
      count = Number(view.getBigUint64(end64 + 32, true));
      at = Number(view.getBigUint64(end64 + 48, true));
    }
  }
  for (; count > 0 && at + 46 <= bytes.length; count -= 1) {
    if (view.getUint32(at, true) !== ENTRY) break;
    const mode = view.getUint32(at + 38, true) >>> 16;
    const nameLength = view.getUint16(at + 28, true);
    if (UNIX_HOSTS.has(view.getUint8(at + 5)) && (mode & 0o170000) === 0o120000) {
      return new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return null;
}
