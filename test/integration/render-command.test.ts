import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aRow, writeCampaign } from "../support/campaign-factory.ts";
import { EXAMPLE, postbag, tempDir } from "../support/render-cli.ts";

describe("postbag render", () => {
  it("explains itself with --help", () => {
    const result = postbag(["render", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: postbag render <campaign-dir> --out <dir>");
    expect(result.stdout).toContain("--format");
  });

  it("writes only the formats asked for, and a JSON summary on request", () => {
    const out = join(tempDir(), "out");
    const result = postbag(["render", EXAMPLE, "--out", out, "--format", "html,txt", "--json"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(""); // no progress bar when not on a terminal
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ campaign: "vru-2020", letters: 5, formats: ["html", "txt"] });
    expect(summary.files).toHaveLength(10);
    expect(summary.files[0]).toEqual({
      recipient: "essex",
      format: "html",
      file: join(out, "essex.html"),
      bytes: readFileSync(join(out, "essex.html")).length,
    });
    expect(readdirSync(out).sort()).toEqual(
      ["essex", "nottinghamshire", "south-yorkshire", "sussex", "thames-valley"].flatMap((id) => [
        `${id}.html`,
        `${id}.txt`,
      ]),
    );
  });

  it("reads recipients from a spreadsheet", async () => {
    const campaign = await writeCampaign({
      xlsx: true,
      rows: [aRow({ id: "a" }), aRow({ id: "b", name: "" })],
    });
    const out = join(tempDir(), "out");
    expect(postbag(["render", campaign, "--out", out, "--format", "txt"]).status).toBe(0);
    const letter = readFileSync(join(out, "b.txt"), "utf8");
    expect(letter).toContain(
      "Leader of Lewes District Council\nSouthover House\nLewes\nBN7 1AB\n\n13 October 2020",
    );
  });

  it("dates a letter by its recipient's date column, the others by the campaign", async () => {
    const campaign = await writeCampaign({
      rows: [aRow({ id: "a", date: "2021-03-01" }), aRow({ id: "b", date: "" })],
    });
    const out = join(tempDir(), "out");
    expect(postbag(["render", campaign, "--out", out, "--format", "txt"]).status).toBe(0);
    expect(readFileSync(join(out, "a.txt"), "utf8")).toContain("\n1 March 2021\n");
    expect(readFileSync(join(out, "b.txt"), "utf8")).toContain("\n13 October 2020\n");
  });

  it.each([
    [
      ["render", EXAMPLE, "--out", "x", "--format", "pdf,odt"],
      '--format takes pdf, docx, html, txt (got "pdf,odt")',
    ],
    [["render", EXAMPLE], "--out <dir> is required"],
    [["render", "--out", "x"], "give exactly one campaign folder"],
    [["render", EXAMPLE, "--out", "x", "--colour"], "Unknown option '--colour'"],
    [["render", EXAMPLE, "--out", "x", "--pdf-standard", "a-1b"], "--pdf-standard must be ua-1 or a-2b"],
  ])("refuses bad arguments %j with exit status 2", (args, message) => {
    const result = postbag(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("names a campaign folder that does not exist", () => {
    const result = postbag(["render", "/nonexistent/campaign", "--out", join(tempDir(), "out")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("postbag: error: campaign.yaml: not found in /nonexistent/campaign\n");
  });
});

describe("postbag", () => {
  it("lists its commands", () => {
    const result = postbag(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("postbag render <campaign-dir> --out <dir>");
  });

  it("refuses an unknown command", () => {
    const result = postbag(["frobnicate"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });
});
