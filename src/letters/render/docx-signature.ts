import { ImageRun } from "docx";
import type { Signature } from "../model.ts";

// The box a signature is scaled into, in pixels at 96 to the inch (about 6.4 x 1.6 cm).
const MAX_WIDTH = 240;
const MAX_HEIGHT = 60;

// Word wants a raster fallback beside an SVG for versions before 2016. We have no
// rasteriser here, so those versions show a transparent pixel: the space is kept for signing by hand.
const BLANK_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=",
  "base64",
);

/** The signature as an inline image, scaled to fit the signature box and keep its shape. */
export function signatureRun(signature: Signature, signatory: string): ImageRun {
  const data = Buffer.from(signature.bytes);
  const [width, height] = naturalSize(data, signature.format) ?? [3, 1];
  const scale = Math.min(MAX_WIDTH / width, MAX_HEIGHT / height);
  const transformation = { width: Math.round(width * scale), height: Math.round(height * scale) };
  const altText = { name: "Signature", description: `Signature of ${signatory}`, title: "Signature" };
  if (signature.format === "svg") {
    return new ImageRun({
      type: "svg",
      data,
      fallback: { type: "png", data: BLANK_PNG },
      transformation,
      altText,
    });
  }
  return new ImageRun({ type: signature.format, data, transformation, altText });
}

function naturalSize(data: Buffer, format: Signature["format"]): [number, number] | undefined {
  const size =
    format === "png" ? pngSize(data) : format === "jpg" ? jpegSize(data) : svgSize(data.toString("utf8"));
  return size && size[0] > 0 && size[1] > 0 ? size : undefined;
}

function pngSize(data: Buffer): [number, number] | undefined {
  return data.length >= 24 ? [data.readUInt32BE(16), data.readUInt32BE(20)] : undefined;
}

function jpegSize(data: Buffer): [number, number] | undefined {
  let at = 2;
  while (at + 9 < data.length && data[at] === 0xff) {
    const marker = data[at + 1] ?? 0;
    // Start-of-frame markers hold the size; C4, C8 and CC share the range but are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return [data.readUInt16BE(at + 7), data.readUInt16BE(at + 5)];
    }
    at += 2 + data.readUInt16BE(at + 2);
  }
  return undefined;
}

function svgSize(svg: string): [number, number] | undefined {
  const viewBox = /viewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(svg);
  if (viewBox) return [Number(viewBox[1]), Number(viewBox[2])];
  const width = /<svg[^>]*\swidth\s*=\s*["']([\d.]+)/.exec(svg);
  const height = /<svg[^>]*\sheight\s*=\s*["']([\d.]+)/.exec(svg);
  return width && height ? [Number(width[1]), Number(height[1])] : undefined;
}
