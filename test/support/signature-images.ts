import { crc32, deflateSync } from "node:zlib";
import type { Signature } from "../../src/letters/model.ts";

// Small signature images for renderer tests, made here so no binary fixture is needed.

/** A PNG of the given size: a dark stroke across a transparent ground. */
export function aPngSignature(width = 300, height = 100): Signature {
  const row = (y: number) =>
    Buffer.concat([
      Buffer.from([0]), // no filter
      ...Array.from({ length: width }, (_, x) =>
        Buffer.from(
          Math.abs(y - height / 2 - Math.round((height / 4) * Math.sin(x / 12))) < 2
            ? [0, 0, 80, 255]
            : [0, 0, 0, 0],
        ),
      ),
    ]);
  const pixels = Buffer.concat(Array.from({ length: height }, (_, y) => row(y)));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  return { bytes: [...png], format: "png" };
}

export function anSvgSignature(): Signature {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100">' +
    '<path d="M10 60 C 60 10, 110 90, 160 50 S 260 20, 390 60" stroke="#003" stroke-width="4" fill="none"/></svg>';
  return { bytes: [...Buffer.from(svg)], format: "svg" };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
