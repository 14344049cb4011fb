import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  aCampaignYaml,
  aRow,
  BASE_COLUMNS,
  writeCampaign,
  type CampaignSpec,
} from "../support/campaign-factory.ts";
import { POSTBAG, postbag, tempDir } from "../support/render-cli.ts";

// Bad input stops `postbag render` before anything is written, with one
// message naming the file, the line or row and the column; exit status 2.

async function renderExpectingError(spec: CampaignSpec, formats = "pdf,docx,html,txt") {
  const campaign = await writeCampaign(spec);
  const out = join(tempDir(), "out");
  const result = postbag(["render", campaign, "--out", out, "--format", formats]);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(dirname(out))).toEqual([]); // no staging folder left behind
  return result.stderr.trim();
}

describe("the template", () => {
  it("names an unknown placeholder and its line", async () => {
    const message = await renderExpectingError({ letter: "Hello.\n\nAbout ((council name)).\n" });
    expect(message).toMatch(/^postbag: error: letter\.md, line 3: unknown placeholder \(\(council name\)\)/);
  });

  it("names the line and column of a control character in the letter", async () => {
    expect(await renderExpectingError({ letter: "Hello.\n\nAbout \u0000 this.\n" })).toBe(
      "postbag: error: letter.md, line 3, column 7: the file holds the control character U+0000 (NUL): remove it",
    );
  });

  it('names an unclosed "((" and its line', async () => {
    expect(await renderExpectingError({ letter: "One\n\nTwo ((title\n" })).toBe(
      'postbag: error: letter.md, line 3: "((" is not closed by "))" on the same line',
    );
  });

  it("names a footnote reference without a note", async () => {
    expect(await renderExpectingError({ letter: "See[^x].\n" })).toMatch(
      /letter\.md, line 1: footnote \[\^x\]/,
    );
  });
});

describe("campaign.yaml", () => {
  it("names the line of a YAML syntax error", async () => {
    const message = await renderExpectingError({
      yaml: "title: Test\ndate: 2020-10-13\nsender: [unclosed\n",
    });
    expect(message).toMatch(/^postbag: error: campaign\.yaml, line \d: YAML syntax error/);
  });

  it("names a bad date and its line", async () => {
    const yaml = "title: Test\ndate: 13/10/2020\nsender:\n  name: A\nsignatory:\n  name: B\n";
    expect(await renderExpectingError({ yaml })).toMatch(
      /campaign\.yaml, line 2: date: write the date as YYYY-MM-DD/,
    );
  });

  it("refuses a file outside the campaign folder, by path or by link", async () => {
    const outside = join(tempDir(), "secret.md");
    writeFileSync(outside, "Secret.\n");
    const byPath = await renderExpectingError({ yaml: { ...aCampaignYaml(), letter: outside } });
    expect(byPath).toContain(
      "campaign.yaml, field " + outside + ": must be a file inside the campaign folder",
    );
    const upward = await renderExpectingError({ yaml: { ...aCampaignYaml(), letter: "../secret.md" } });
    expect(upward).toContain("field ../secret.md: must be a file inside the campaign folder");
    const campaign = await writeCampaign({ yaml: { ...aCampaignYaml(), letter: "linked.md" } });
    symlinkSync(outside, join(campaign, "linked.md"));
    const result = postbag(["render", campaign, "--out", join(tempDir(), "out")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("linked.md: is a link to a file outside the campaign folder");
  });

  it("names a missing key", async () => {
    const { signatory: _omitted, ...yaml } = aCampaignYaml();
    expect(await renderExpectingError({ yaml })).toContain('campaign.yaml: the key "signatory" is missing');
  });
});

describe("recipients", () => {
  it("names a missing required column", async () => {
    const columns = BASE_COLUMNS.filter((column) => column !== "salutation");
    expect(await renderExpectingError({ columns })).toBe(
      'postbag: error: recipients.csv, line 1, column salutation: the required column "salutation" is missing from the header',
    );
  });

  it("names a duplicated column, even when written differently", async () => {
    const message = await renderExpectingError({ columns: [...BASE_COLUMNS, "Post Code"] });
    expect(message).toBe(
      'postbag: error: recipients.csv, line 1, column Post Code: the column is duplicated (it matches column "postcode")',
    );
  });

  it("names a duplicate id with both lines", async () => {
    const rows = [aRow({ id: "a" }), aRow({ id: "b" }), aRow({ id: "a" })];
    expect(await renderExpectingError({ rows })).toBe(
      'postbag: error: recipients.csv, line 4, column id: the id "a" is already used on line 2',
    );
  });

  it("names an empty required value", async () => {
    const rows = [aRow({ id: "a" }), aRow({ id: "b", salutation: " " })];
    expect(await renderExpectingError({ rows })).toBe(
      "postbag: error: recipients.csv, line 3, column salutation: the value is empty",
    );
  });

  it("names a value holding a control character (a NUL, an escape)", async () => {
    const rows = [aRow({ id: "a", name: "Ann\u001b[31m" }), aRow({ id: "b", title: "P\u0000CC" })];
    expect(await renderExpectingError({ rows })).toBe(
      "postbag: error: recipients.csv, line 2, column name: the value holds the control character U+001B (escape)",
    );
  });

  it("counts lines of quoted values that span lines", async () => {
    const rows = [aRow({ id: "a", notes: "Two\nlines" }), aRow({ id: "b", title: "" })];
    expect(await renderExpectingError({ rows })).toContain("recipients.csv, line 4, column title");
  });

  it("names a date column value that is not YYYY-MM-DD", async () => {
    const rows = [aRow({ id: "a", date: "2021-03-01" }), aRow({ id: "b", date: "1 March 2021" })];
    expect(await renderExpectingError({ rows })).toBe(
      'postbag: error: recipients.csv, line 3, column date: "1 March 2021" is not a date: write it as YYYY-MM-DD',
    );
  });

  it("names a spreadsheet row (header = row 1)", async () => {
    const rows = [aRow({ id: "a" }), aRow({ id: "b" }), aRow({ id: "c", salutation: "" })];
    expect(await renderExpectingError({ rows, xlsx: true })).toBe(
      "postbag: error: recipients.xlsx, row 4, column salutation: the value is empty",
    );
  });

  it("refuses an id that cannot be a file name", async () => {
    const message = await renderExpectingError({ rows: [aRow({ id: "../escape" })] });
    expect(message).toContain('recipients.csv, line 2, column id: the id "../escape" cannot be a file name');
  });

  it("refuses bad CSV with its line", async () => {
    const csv = `${BASE_COLUMNS.join(",")}\na,Ann,Leader,1 High St,Lewes,BN7 1AB,Dear Ann\nb,"Bob,Leader\n`;
    expect(await renderExpectingError({ csv })).toMatch(
      /^postbag: error: recipients\.csv, line 3: not valid CSV/,
    );
  });

  it("refuses a row with too many cells", async () => {
    const csv = `${BASE_COLUMNS.join(",")}\na,Ann,Leader,1 High St,Lewes,BN7 1AB,Dear Ann,extra\n`;
    expect(await renderExpectingError({ csv })).toMatch(/recipients\.csv, line 2: not valid CSV/);
  });

  it("refuses a file that is not a workbook", async () => {
    const dir = await writeCampaign({ xlsx: true });
    writeFileSync(join(dir, "recipients.xlsx"), "this is not a zip file");
    const result = postbag(["render", dir, "--out", join(tempDir(), "out")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^postbag: error: recipients\.xlsx: not a readable Excel workbook/);
  });
});

describe("characters the letter fonts lack", () => {
  it("names every value holding one, and the line of the template", async () => {
    const rows = [aRow({ id: "a", name: "王小明" }), aRow({ id: "b", address_line_2: "A ＝ B" })];
    const message = await renderExpectingError({ rows, letter: "Hello ((name)).\n\nIn Chinese: 你好.\n" });
    expect(message).toBe(
      'postbag: error: letter.md, line 3: "你" (U+4F60) is in none of the letter\'s fonts, so it cannot be printed: ' +
        "write it in another way (in Latin letters, or without it) (and 2 more problems)",
    );
  });

  it("names the row and column of a value holding one", async () => {
    const rows = [aRow({ id: "a" }), aRow({ id: "b", address_line_2: "A ＝ B" })];
    expect(await renderExpectingError({ rows })).toBe(
      'postbag: error: recipients.csv, line 3, column address_line_2: "＝" (U+FF1D) is in none of the letter\'s fonts, ' +
        "so it cannot be printed: write it in another way (in Latin letters, or without it)",
    );
  });
});

describe("the envelope window", () => {
  it("refuses an address value of more than one line", async () => {
    const message = await renderExpectingError({ rows: [aRow({ address_line_1: "Two\nlines" })] });
    expect(message).toBe(
      "postbag: error: recipients.csv, line 2, column address_line_1: an address line must be one line: use the next address column",
    );
  });

  it("refuses an address of more lines than the window holds", async () => {
    const lines = Object.fromEntries(
      Array.from({ length: 7 }, (_, i) => [`address_line_${i + 1}`, `Line ${i + 1}`]),
    );
    const message = await renderExpectingError({ rows: [aRow(lines)] });
    expect(message).toBe(
      "postbag: error: recipients.csv, line 2, column postcode: the address is too long for the envelope window: " +
        "10 lines (name, title, address lines and postcode); the window fits 8",
    );
  });

  it("refuses an address line too wide for the window, after other letters were made, leaving nothing", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => aRow({ id: `r${i}` }));
    rows.push(
      aRow({
        id: "wide",
        address_line_2: "The Very Long Named Building of the Extraordinarily Long Street Name",
      }),
    );
    const message = await renderExpectingError({ rows }, "pdf");
    expect(message).toBe(
      "postbag: error: recipients.csv, line 14, column address_line_2: this address line is too wide for the envelope window " +
        "(95.4 mm at 9 pt): shorten it or split it over two address lines",
    );
  });
});

it("leaves an existing output folder as it was when rendering fails", async () => {
  const campaign = await writeCampaign({ letter: "((nope))" });
  const out = join(tempDir(), "out");
  mkdirSync(out);
  writeFileSync(join(out, "keep.txt"), "mine");
  expect(postbag(["render", campaign, "--out", out]).status).toBe(2);
  expect(readdirSync(out)).toEqual(["keep.txt"]);
});

it("leaves nothing behind when stopped half-way with Ctrl-C", async () => {
  const { spawn } = await import("node:child_process");
  const rows = Array.from({ length: 300 }, (_, i) => aRow({ id: `r${i}` }));
  const campaign = await writeCampaign({ rows });
  const parent = tempDir();
  const out = join(parent, "out");
  const child = spawn(process.execPath, [POSTBAG, "render", campaign, "--out", out, "--format", "pdf"], {
    stdio: "ignore",
  });
  // Interrupt once rendering has started (the staging folder exists).
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (readdirSync(parent).length > 0) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
  child.kill("SIGINT");
  const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(status).toBe(130);
  expect(readdirSync(parent)).toEqual([]);
});
