import { renderDocx } from "./src/letters/render/docx.ts";
import { aLetter, para, text } from "./test/support/letter-factory.ts";
import JSZip from "jszip";
import { writeFileSync } from "node:fs";
const buf = await renderDocx(aLetter({ body: [
  { t: "ol", start: 3, items: [[para(text("three")), para(text("three more")), { t: "ol", start: 1, items: [[para(text("nested one"))],[para(text("nested two"))]] }], [para(text("four"))]] },
  { t: "pagebreak" },
  para(text("after break")),
  { t: "ol", start: 1, items: [[para(text("again one"))]] },
  para(text("x\ny")),
] }));
writeFileSync("/tmp/t2.docx", buf);
const zip = await JSZip.loadAsync(buf);
const n = (await zip.file("word/numbering.xml")!.async("string")); console.log(n.slice(n.indexOf("<w:num ")).replace(/<w:lvlOverride w:ilvl="[2-8]">.*?<\/w:lvlOverride>/g, ""));
const d = (await zip.file("word/document.xml")!.async("string")); console.log(d.slice(d.indexOf("Dear Katy")));
