import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docxWithHiddenContent, pdfWithMetadata } from "../support/document-factories.ts";
import { postbag, tempDir } from "../support/render-cli.ts";

// `postbag check-file` run as a user runs it, on files written to a folder:
// findings and exit 1 for a file with hidden content, 0 for a clear one,
// 2 for a path that is not there, and the JSON shape scripts rely on.

async function files() {
  const folder = tempDir("postbag-check-file-");
  const write = (name: string, bytes: Buffer | string) => {
    writeFileSync(join(folder, name), bytes);
    return join(folder, name);
  };
  return {
    folder,
    hidden: write("reply.docx", await docxWithHiddenContent()),
    clean: write("notes.txt", "The council holds the information requested.\n"),
    withMetadata: write("reply.pdf", await pdfWithMetadata()),
  };
}

describe("postbag check-file", () => {
  it("lists each finding of a file with hidden content, and exits 1", async () => {
    const { hidden } = await files();
    const result = postbag(["check-file", hidden]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`${hidden} (docx): 3 findings`);
    expect(lines[1]).toMatch(/^ {2}block {2}docx-comments, comment 1: A comment by "Jane Author"/);
    expect(lines[2]).toMatch(/^ {2}block {2}docx-tracked-changes, main text: .*"cut after the leak"/);
    expect(lines[3]).toMatch(/^ {2}block {2}docx-hidden-text, main text, paragraph 3: /);
    expect(lines).toContain("  Metadata removed from the public copy:");
    expect(lines).toContain("    docProps/core.xml: creator");
  });

  it("says a clean file is clear, lists the metadata it would lose, and exits 0", async () => {
    const { clean, withMetadata } = await files();
    const result = postbag(["check-file", clean, withMetadata]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`${clean} (text): clear`);
    expect(lines).toContain(`${withMetadata} (pdf): clear`);
    expect(lines).toContain("    PDF Info: Author");
    expect(lines).toContain("    XMP metadata");
  });

  it("exits 2 naming a file that is not there, before checking any", async () => {
    const { folder, clean } = await files();
    const missing = join(folder, "missing.pdf");
    const result = postbag(["check-file", clean, missing]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`postbag: error: ${missing}: the file does not exist\n`);
  });

  it("exits 2 with its help when given no file", () => {
    const result = postbag(["check-file"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Usage: postbag check-file <file>... [--json]");
  });

  it("prints JSON with --json", async () => {
    const { hidden, clean } = await files();
    const result = postbag(["check-file", hidden, clean, "--json"]);
    expect(result.status).toBe(1);
    const output = JSON.parse(result.stdout) as { files: unknown[] };
    expect(output).toEqual({
      files: [
        {
          file: hidden,
          kind: "docx",
          findings: [
            expect.objectContaining({ code: "docx-comments", severity: "block", location: "comment 1" }),
            expect.objectContaining({
              code: "docx-tracked-changes",
              severity: "block",
              location: "main text",
            }),
            expect.objectContaining({
              code: "docx-hidden-text",
              severity: "block",
              location: "main text, paragraph 3",
            }),
          ],
          metadataRemoved: expect.arrayContaining([
            "docProps/core.xml: creator",
            "docProps/custom.xml: Department",
          ]),
        },
        { file: clean, kind: "text", findings: [], metadataRemoved: [] },
      ],
    });
    for (const finding of (output.files[0] as { findings: Record<string, unknown>[] }).findings) {
      expect(Object.keys(finding).sort()).toEqual(["code", "location", "message", "severity"]);
    }
  });
});
