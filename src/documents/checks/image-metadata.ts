// A picture's public copy without its metadata, made without decoding it:
// the metadata segments (JPEG) or chunks (PNG) are cut out and the picture's
// own data is copied byte for byte, so its pixels are exactly the sender's.
// A JPEG keeps its orientation, rewritten as the only entry of a fresh EXIF
// segment, so that it does not show turned over.

export interface StrippedPicture {
  bytes: Buffer;
  removed: string[];
}

/** JPEG segments kept: JFIF (APP0), the colour profile (APP2 "ICC_PROFILE"), Adobe's colour transform (APP14). */
function keptJpegSegment(marker: number, body: Uint8Array): boolean {
  if (marker === 0xe0) return startsWith(body, "JFIF\0") || startsWith(body, "JFXX\0");
  if (marker === 0xe2) return startsWith(body, "ICC_PROFILE\0");
  if (marker === 0xee) return startsWith(body, "Adobe");
  return !(marker >= 0xe0 && marker <= 0xef) && marker !== 0xfe;
}

const JPEG_SEGMENT_NAMES: Record<number, string> = { 0xe1: "EXIF or XMP", 0xed: "IPTC", 0xfe: "comment" };

export function stripJpeg(bytes: Uint8Array, orientation: number | undefined): StrippedPicture {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  const removed = new Set<string>();
  if (orientation && orientation !== 1) parts.push(orientationSegment(orientation));
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    // A fill byte before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Start of scan: the rest is the picture itself.
    if (marker === 0xda) break;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    // A length that cannot be: what is left is copied as it is.
    if (length < 2) break;
    const body = bytes.subarray(at + 4, at + 2 + length);
    if (keptJpegSegment(marker, body)) parts.push(bytes.subarray(at, at + 2 + length));
    else removed.add(JPEG_SEGMENT_NAMES[marker] ?? `APP${marker - 0xe0}`);
    at += 2 + length;
  }
  parts.push(bytes.subarray(at));
  return { bytes: Buffer.concat(parts), removed: [...removed].map((name) => `JPEG ${name}`) };
}

/** An EXIF segment holding only the orientation: big-endian TIFF header, one IFD, one entry. */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = [
    0x4d,
    0x4d,
    0,
    42,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  const body = [...Buffer.from("Exif\0\0", "latin1"), ...tiff];
  const length = body.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
}

/** PNG chunks that carry words rather than the picture: text, EXIF, the time it was last changed. */
const PNG_METADATA = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]);

export function stripPng(bytes: Uint8Array): StrippedPicture {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const removed = new Set<string>();
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
    const type = Buffer.from(bytes.subarray(at + 4, at + 8)).toString("latin1");
    const end = at + 12 + length;
    if (PNG_METADATA.has(type)) removed.add(type);
    else parts.push(bytes.subarray(at, end));
    at = end;
  }
  return { bytes: Buffer.concat(parts), removed: [...removed].map((name) => `PNG ${name}`) };
}

function startsWith(body: Uint8Array, text: string): boolean {
  return Buffer.from(body.subarray(0, text.length)).toString("latin1") === text;
}
