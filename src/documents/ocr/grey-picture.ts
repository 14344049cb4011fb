// Pictures go to Tesseract as uncompressed grey (PGM): Tesseract turns every
// picture grey first, and reads a PGM faster than its WebAssembly inflates a
// PNG. A page drawn by pdf.js or a TIFF frame is made grey where its pixels
// already are; a PNG or JPEG attachment is decoded natively in the OCR worker.

/** RGBA pixels, over white where they are transparent, as an 8-bit grey PGM. */
export function greyPgm(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`);
  const grey = Buffer.alloc(header.length + width * height);
  header.copy(grey);
  for (let pixel = 0, at = header.length; pixel < rgba.length; pixel += 4, at++) {
    // ITU-R BT.601 luma, as Leptonica weighs it.
    const luma = (77 * rgba[pixel]! + 150 * rgba[pixel + 1]! + 29 * rgba[pixel + 2]!) >> 8;
    const alpha = rgba[pixel + 3]!;
    grey[at] = (luma * alpha + 255 * (255 - alpha) + 127) / 255;
  }
  return grey;
}

export function isPgm(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x35;
}
