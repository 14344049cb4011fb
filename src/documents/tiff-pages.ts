import type { IFD } from "utif2";

// A TIFF's pages, as utif2 reads them: its full-size frames, since
// thumbnails and masks are frames too but not pages. Used by OCR (each page
// read) and by the publication checks (each page copied without metadata).

export interface TiffPages {
  UTIF: Awaited<ReturnType<typeof loadUtif>>;
  buffer: ArrayBuffer;
  pages: IFD[];
}

const loadUtif = async () => (await import("utif2")).default;

export async function tiffPages(bytes: Uint8Array): Promise<TiffPages> {
  const UTIF = await loadUtif();
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const pages = UTIF.decode(buffer).filter((frame) => Number(tag(frame, 254) ?? 0) !== 1);
  return { UTIF, buffer, pages };
}

/** A tag's first value: its number, t256 is the width. */
export function tag(frame: IFD, number: number): number | undefined {
  const value = (frame[`t${number}`] as number[] | undefined)?.[0];
  return value === undefined ? undefined : Number(value);
}
