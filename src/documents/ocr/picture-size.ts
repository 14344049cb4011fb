import type { ImageKind } from "../../replies/file-kind.ts";

// A picture's size read from its header, before anything decodes it: a small
// PNG or JPEG can claim 50,000 × 50,000 pixels, and decoding it would
// allocate them all (a decompression bomb). Null when the header cannot be read.

export function pictureSize(
  bytes: Uint8Array,
  kind: Exclude<ImageKind, "tiff">,
): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === "png") {
    // The signature (8 bytes), then the IHDR chunk: length, "IHDR", width, height.
    if (bytes.length < 24) return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  // JPEG: the first start-of-frame marker (C0–CF but C4, C8 and CC) holds height then width.
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}
