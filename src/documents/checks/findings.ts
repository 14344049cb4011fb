import type { Finding } from "../document.ts";

// Building findings, so every check words them the same way.

export function block(code: string, location: string, message: string): Finding {
  return { code, severity: "block", location, message };
}

export function review(code: string, location: string, message: string): Finding {
  return { code, severity: "review", location, message };
}

/** A value quoted in a message: on one line, and cut short, since messages are read in a list. */
export function quote(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat}"`;
}

/** "1 deletion", "3 deletions". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A file that would unpack to more than Postbag allows (a decompression bomb?): not opened, so not public. */
export function tooLargeToCheck(detail: string): Finding {
  return block(
    "too-large-to-check",
    "file",
    `Postbag could not check this file safely: ${detail}. It was not checked for hidden content or ` +
      "personal data. Ask the sender for a smaller copy, or check it yourself.",
  );
}

/** What the checks say when a file could not be opened: it must not go out unchecked. */
export function unreadable(detail: string): Finding {
  return block(
    "unreadable",
    "file",
    `Postbag could not read this file (${detail}), so it could not check it for hidden content ` +
      "or personal data. Ask the sender for a copy that opens, or check it yourself.",
  );
}
