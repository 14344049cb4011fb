import UTIF from "utif2";

// An uncompressed greyscale TIFF, one page a frame, as many fax and scanner
// drivers write it, with any tags given added to every page (Artist,
// Software...). utif2 writes the directories; the pixels follow them.

export interface GreyPage {
  width: number;
  height: number;
  /** One byte a pixel, row by row. */
  data: Uint8Array;
}

const HEADER = 8192;

export function greyTiff(pages: GreyPage[], tags: Record<string, unknown[]> = {}): Buffer {
  let offset = HEADER;
  const ifds = pages.map(({ width, height, data }) => {
    const ifd = {
      t256: [width],
      t257: [height],
      t258: [8],
      t259: [1],
      t262: [1],
      t273: [offset],
      t277: [1],
      t278: [height],
      t279: [data.length],
      t282: [[300, 1]],
      t283: [[300, 1]],
      t296: [2],
      ...tags,
    };
    offset += data.length;
    return ifd;
  });
  const header = new Uint8Array(UTIF.encode(ifds as unknown as UTIF.IFD[]));
  if (header.length > HEADER) throw new Error("the TIFF's directories outgrew their room");
  const out = Buffer.alloc(offset);
  out.set(header, 0);
  pages.reduce((at, page) => (out.set(page.data, at), at + page.data.length), HEADER);
  return out;
}
