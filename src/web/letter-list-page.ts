import type { Letter } from "../letters/model.ts";
import { escapeHtml } from "../letters/render/html.ts";

/** The demo campaign's letters, each linked to its HTML preview. */
export function letterListPage(letters: Letter[]): string {
  const rows = letters
    .map(
      (letter) =>
        `<li><a href="/letters/${encodeURIComponent(letter.id)}">${escapeHtml(letter.address.slice(0, 2).join(", "))}</a></li>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Postbag: letters</title></head>
<body>
<main>
<h1>Postbag</h1>
<h2>Demo campaign: ${letters.length} letters</h2>
<ul>
${rows}
</ul>
</main>
</body>
</html>
`;
}
