// Bytes of a text file (a reply's attachment, a letter to learn from) as
// text, whatever character set it came in.

export interface BytesToDecode {
  bytes: Uint8Array;
  /** The MIME type the sender gave, with any charset parameter ("text/plain; charset=windows-1252"). */
  mediaType?: string;
}

/**
 * Bytes to text: a byte order mark wins, then the charset the sender
 * declared, then UTF-8. Bytes that are not UTF-8 and came with no charset are
 * read as Windows-1252, which is what such files from UK offices nearly
 * always are (and every byte means something in it), and the guess is said.
 */
export function decodeText(file: BytesToDecode, problems: string[], fromDocument?: string): string {
  const { bytes } = file;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), problems);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const charset = charsetOf(file.mediaType) ?? fromDocument;
  if (charset) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      problems.push(
        `the character set "${charset}" is not known: the text was read as UTF-8 and may be garbled`,
      );
      return new TextDecoder("utf-8").decode(bytes);
    }
    if (decoder.encoding === "utf-8") return utf8(bytes, problems);
    return decoder.encoding === "windows-1252" ? windows1252(bytes) : decoder.decode(bytes);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    problems.push("the text is not UTF-8 and gave no character set: it was read as Windows-1252");
    return windows1252(bytes);
  }
}

/** Windows-1252's 0x80–0x9F; the rest is Latin-1. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * Node 20's TextDecoder("windows-1252") decodes as Latin-1 (curly quotes,
 * the euro sign and dashes come out as control characters), so the 32 bytes
 * where the two differ are mapped here.
 */
function windows1252(bytes: Uint8Array): string {
  return latin1(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

function utf8(bytes: Uint8Array, problems: string[]): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    problems.push("the text is not valid UTF-8: unreadable characters were replaced with �");
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function charsetOf(mediaType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(mediaType ?? "")?.[1];
}

/** <meta charset="…"> or http-equiv's content="…; charset=…", in the first kilobytes. */
export function charsetInHtml(bytes: Uint8Array): string | undefined {
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(latin1(bytes.subarray(0, 4096)))?.[1];
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}
