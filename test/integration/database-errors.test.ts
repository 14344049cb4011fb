import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postbag, tempDir } from "../support/render-cli.ts";

// A database that cannot be opened gets one clear message, and no half-made schema.

describe("a database that cannot be opened", () => {
  it("names the PostgreSQL server that refused", () => {
    const result = postbag(["status", "any"], {
      DATABASE_URL: "postgres://nobody:secret@127.0.0.1:9/nothing",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^postbag: error: cannot open the PostgreSQL database in DATABASE_URL: .*ECONNREFUSED/,
    );
    expect(result.stderr).not.toContain("secret");
  });

  it("names a data folder that is not a folder", () => {
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "x");
    const result = postbag(["status", "any", "--data", file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`postbag: error: cannot open the database in ${file}`);
  });
});
