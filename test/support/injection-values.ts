// Values that would do harm if any format read them as markup or code: each
// must come out printed exactly as written, in every format.
export const INJECTION_VALUES = [
  "<script>alert(1)</script>",
  "<b>x</b>",
  "**x**",
  "[x](y)",
  "#pagebreak()",
  "$x$",
  "((x))",
  '"quotes" & ampersands',
  "#set text(fill: red) @label `raw` \\ ] }",
  "<!-- comment --> &amp; &lt;",
  "[^a]",
  "# heading",
  "- item",
];
