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
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Postbag: letters</title>
<style>
body { font-family: Arimo, Arial, sans-serif; line-height: 1.5; margin: 2rem auto; max-width: 42rem; padding: 0 1rem; }
/* Links are targets of at least 24 by 24 CSS pixels, apart (WCAG 2.2, 2.5.8). */
li { margin: 0.5rem 0; }
li a { display: inline-block; min-height: 24px; padding: 2px 0; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
</style></head>
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
