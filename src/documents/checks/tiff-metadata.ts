import type { IFD } from "utif2";
import { tag, tiffPages } from "../tiff-pages.ts";
import type { StrippedPicture } from "./image-metadata.ts";

// A TIFF's public copy: each page decoded and written afresh, uncompressed,
// with only the tags that describe its pixels (and its orientation, so it
// does not show turned over). Unlike JPEG and PNG, a TIFF's metadata sits
// among the tags its pixels need, so it cannot be cut out in place; the
// pixels are the same in number and value, but the file is larger.

/** Tags that carry words rather than pixels, named in what the copy left out. */
const TAG_NAMES: Record<number, string> = {
  270: "description",
  271: "camera maker",
  272: "camera model",
  305: "software",
  306: "date",
  315: "artist",
  316: "computer",
  700: "XMP",
  33432: "copyright",
  33723: "IPTC",
  34665: "EXIF",
  34853: "GPS",
  40093: "author (Windows)",
};

/** No copy is made of more pixels than this, in all pages together (four bytes each). */
export const MAX_TIFF_PIXELS = 60_000_000;

export async function stripTiff(bytes: Uint8Array): Promise<StrippedPicture> {
  const { UTIF, buffer, pages } = await tiffPages(bytes);
  const pixels = pages.reduce((sum, page) => sum + (tag(page, 256) ?? 0) * (tag(page, 257) ?? 0), 0);
  if (pixels > MAX_TIFF_PIXELS) throw new Error(`the TIFF has ${pixels} pixels, more than Postbag copies`);
  const frames = pages.map((page) => {
    UTIF.decodeImage(buffer, page);
    const [width, height] = [tag(page, 256) ?? 0, tag(page, 257) ?? 0];
    return { width, height, rgba: UTIF.toRGBA8(page), orientation: tag(page, 274) };
  });
  const ifds = (offsets: number[]): IFD[] =>
    frames.map(({ width, height, orientation }, i) => ({
      t256: [width],
      t257: [height],
      t258: [8, 8, 8, 8],
      t259: [1], // no compression
      t262: [2], // RGB
      t273: [offsets[i] ?? 0],
      t277: [4],
      t278: [height],
      t279: [width * height * 4],
      t284: [1],
      t338: [2], // the fourth sample is plain alpha
      ...(orientation && orientation !== 1 ? { t274: [orientation] } : {}),
    })) as unknown as IFD[]; // utif2's IFD type describes a decoded page, with its pixels
  // The header is written once to learn its length, then again with the pixels' real offsets.
  const start = align(UTIF.encode(ifds(frames.map(() => 0))).byteLength);
  const offsets = frames.map((_, i) => start + frames.slice(0, i).reduce((sum, f) => sum + f.rgba.length, 0));
  const header = new Uint8Array(UTIF.encode(ifds(offsets)));
  const copy = Buffer.alloc(start + frames.reduce((sum, f) => sum + f.rgba.length, 0));
  copy.set(header, 0);
  frames.forEach((frame, i) => copy.set(frame.rgba, offsets[i]));
  return { bytes: copy, removed: removedTags(pages) };
}

function align(length: number): number {
  return length + ((4 - (length % 4)) % 4);
}

function removedTags(pages: Record<string, unknown>[]): string[] {
  const names = new Set<string>();
  for (const page of pages) {
    for (const [number, name] of Object.entries(TAG_NAMES)) if (`t${number}` in page) names.add(name);
    if ("exifIFD" in page) names.add("EXIF");
    if ("gpsiIFD" in page) names.add("GPS");
  }
  return [...names].map((name) => `TIFF ${name}`);
}
