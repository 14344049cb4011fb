import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE, postbag, tempDir } from "../support/render-cli.ts";

// A batch large enough that `learn` reads it in worker processes, one per
// core: the letters come back in the order given, and one bad file among
// many still stops it with its own name, writing nothing.

const COPIES = 10; // 5 example letters × 2 formats × 10 = 100 files

let dir: string;
let files: string[];

beforeAll(() => {
  dir = tempDir();
  const rendered = join(dir, "rendered");
  expect(postbag(["render", EXAMPLE, "--out", rendered, "--format", "html,pdf"]).status).toBe(0);
  const batch = join(dir, "batch");
  mkdirSync(batch);
  for (let copy = 1; copy <= COPIES; copy += 1) {
    for (const name of readdirSync(rendered)) {
      copyFileSync(join(rendered, name), join(batch, `${String(copy).padStart(2, "0")}-${name}`));
    }
  }
  files = readdirSync(batch)
    .sort()
    .map((name) => join(batch, name));
});

describe("postbag learn --help", () => {
  it("explains the command, its formats and its files", () => {
    const result = postbag(["learn", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: postbag learn <file-or-folder>... --out <campaign-dir>");
    expect(result.stdout).toMatch(/PDF, DOCX, HTML, Markdown or text/);
    expect(result.stdout).toMatch(/campaign\.yaml.*letter\.md.*recipients\.csv.*learn-report\.md/s);
    expect(postbag(["--help"]).stdout).toContain("postbag learn <file-or-folder>...");
  });
});

describe("learning a hundred letters in worker processes", () => {
  it("reads every file, in the order given, into one campaign", () => {
    const out = join(dir, "learned");
    const run = postbag(["learn", ...files, "--out", out, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as {
      letters: Array<{ file: string }>;
      columns: Array<{ name: string; kind: string }>;
    };
    expect(report.letters.map((letter) => letter.file)).toEqual(files);
    const rows = parseCsv(readFileSync(join(out, "recipients.csv")), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows).toHaveLength(files.length);
    // Each file's row holds that file's recipient: the PDF and HTML of one letter agree.
    files.forEach((file, index) => {
      const area = /-(\w+(?:-\w+)?)\.(?:html|pdf)$/.exec(file)?.[1] ?? "";
      expect(rows[index]?.["postcode"], file).toBe(POSTCODES[area]);
    });
    expect(
      report.columns
        .filter((column) => column.kind !== "frame")
        .map((column) => column.kind)
        .sort(),
    ).toEqual(["flag", "text", "text"]);
  });

  it("stops at a bad file among them, naming it, and writes nothing", () => {
    const bad = join(dir, "bad");
    mkdirSync(bad);
    const copied = files.map((file, index) => {
      const target = join(bad, `${String(index).padStart(3, "0")}.${file.endsWith(".pdf") ? "pdf" : "html"}`);
      copyFileSync(file, target);
      return target;
    });
    writeFileSync(copied[70] ?? "", "%PDF-1.7\nthis is not really a PDF\n");
    const out = join(dir, "not-learned");
    const run = postbag(["learn", bad, "--out", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("070.");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith(".not-learned"))).toEqual([]);
  });
});

const POSTCODES: Record<string, string> = {
  nottinghamshire: "NG5 6LU",
  "thames-valley": "OX5 2NX",
  sussex: "BN7 2FZ",
  essex: "CM8 3HB",
  "south-yorkshire": "S9 2EH",
};
