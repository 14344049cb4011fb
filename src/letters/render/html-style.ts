// The letter page's stylesheet, inlined so each HTML letter stands alone.
export const letterCss = `
:root { color: #0b0c0c; background: #fff; }
body { margin: 0; font-family: Arimo, Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 1.0625rem; line-height: 1.5; }
.letter { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
.letterhead { text-align: right; font-size: 0.9rem; margin-bottom: 2rem; }
.letterhead p { margin: 0; }
.sender-name { font-weight: 700; }
address.recipient { font-style: normal; margin-bottom: 1.5rem; }
.date { text-align: right; }
h1.subject { font-size: 1em; font-weight: 700; margin: 1em 0; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.signature { display: block; max-height: 4rem; margin: 0.5rem 0; }
.signature-space { height: 3rem; }
.signatory { margin-top: 0; }
.footnotes { border-top: 1px solid #b1b4b6; margin-top: 2rem; font-size: 0.9rem; }
.fnref { line-height: 0; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
hr.page-break { border: 0; border-top: 1px dashed #b1b4b6; margin: 2rem 0; }
@page { size: A4; margin: 20mm 20mm 22mm 25mm; }
@media print {
  body { font-size: 11pt; }
  .letter { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
  hr.page-break { border: 0; break-after: page; }
  .footnotes { break-inside: avoid; }
}
`;
