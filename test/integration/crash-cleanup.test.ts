import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fileStore } from "../../src/files/file-store.ts";
import { describeOnEachDatabase, freshDatabase, type TestDatabase } from "../support/databases.ts";
import { EXAMPLE, POSTBAG, ROOT, tempDir } from "../support/render-cli.ts";
import { WebClient } from "../support/web-app.ts";

// Killed outright (SIGKILL) in the middle of a web upload or a static export,
// then started again: what the dead process left is recognised and removed,
// and the same campaign id or export folder works at once.

const CHILD = join(ROOT, "test/support/crash-child.ts");
const ADMIN = { POSTBAG_ADMIN_EMAIL: "admin@example.org", POSTBAG_ADMIN_PASSWORD: "a long enough secret" };

function campaignZip(id: string): string {
  const files: Zippable = {};
  for (const name of readdirSync(EXAMPLE)) {
    const text = readFileSync(join(EXAMPLE, name), "utf8");
    files[name] = strToU8(name === "campaign.yaml" ? text.replace("id: vru-2020", `id: ${id}`) : text);
  }
  const file = join(tempDir("postbag-zip-"), `${id}.zip`);
  writeFileSync(file, zipSync(files));
  return file;
}

/** Runs the crash child until it says it reached its moment, then kills it with SIGKILL. */
async function killAtTheMoment(env: Record<string, string>, what: string, argument: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, what, argument], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("reached")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`the child ended (${code}) before its moment: ${stderr}`)));
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
}

/** `postbag serve` on the database, until it says where it listens. */
async function serve(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; base: string; out: string }> {
  const child = spawn(process.execPath, [POSTBAG, "serve"], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: "0", POSTBAG_RENDER_WORKERS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const address = /Postbag is running at (\S+)\//.exec(out)?.[1];
      if (address) resolve(address);
    });
    child.on("exit", (code) => reject(new Error(`postbag serve ended (${code}): ${out}`)));
  });
  return { child, base, out };
}

describeOnEachDatabase("after a kill -9", (kind) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let workspace: string;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    env = { ...database.env, ...ADMIN, POSTBAG_RENDER_WORKERS: "1" };
    workspace = join(database.location.dataDir, "campaigns");
  });
  afterAll(() => database?.drop());

  it("removes a killed upload's staging folder and never-imported campaign on restart, and takes the id again", async () => {
    await killAtTheMoment(env, "upload-import", campaignZip("crash-a"));
    await killAtTheMoment(env, "upload-staging", campaignZip("crash-b"));
    const left = readdirSync(workspace);
    expect(left).toContain("crash-a");
    expect(left.some((name) => name.startsWith(".crash-b.staging-"))).toBe(true);

    const server = await serve(env);
    try {
      expect(server.out).toMatch(/Cleaned up after an earlier stop: .*campaigns\/crash-a/);
      expect(readdirSync(workspace).filter((name) => name.includes("crash"))).toEqual([]);
      const admin = new WebClient(server.base);
      await admin.get("/sign-in");
      await admin.post("/sign-in", {
        email: ADMIN.POSTBAG_ADMIN_EMAIL,
        password: ADMIN.POSTBAG_ADMIN_PASSWORD,
      });
      await admin.get("/manage/campaigns/upload");
      const zip = readFileSync(campaignZip("crash-a"));
      const uploaded = await admin.post("/manage/campaigns/upload", {
        file: new File([zip], "crash-a.zip", { type: "application/zip" }),
      });
      expect(uploaded.status).toBe(303);
      expect(uploaded.headers.get("location")).toBe("/manage/campaigns/crash-a");
    } finally {
      server.child.kill("SIGTERM");
      await new Promise((resolve) => server.child.once("exit", resolve));
    }
  }, 180_000);

  it("removes a killed static export's staging folder when it exports again", async () => {
    const parent = tempDir("postbag-export-");
    const site = join(parent, "site");
    await killAtTheMoment(env, "export", site);
    expect(readdirSync(parent).some((name) => name.startsWith(".site.staging-"))).toBe(true);
    const again = spawnSync(process.execPath, [POSTBAG, "publish", "--static", site], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    expect(again.status, again.stderr).toBe(0);
    expect(readdirSync(parent)).toEqual(["site"]);
    expect(existsSync(join(site, "index.html"))).toBe(true);
  }, 180_000);
});

it("puts the same bytes ten times at once without two writes sharing a temporary name", async () => {
  const root = join(tempDir("postbag-files-"), "files");
  mkdirSync(root);
  const store = fileStore(root);
  const bytes = Buffer.from("the same letter, approved ten times at once");
  const stored = await Promise.all(Array.from({ length: 10 }, () => store.put(bytes)));
  expect(new Set(stored.map((file) => file.hash)).size).toBe(1);
  const folder = readdirSync(root)[0]!;
  expect(readdirSync(join(root, folder))).toEqual([stored[0]!.hash]);
  expect(readFileSync(join(root, folder, stored[0]!.hash))).toEqual(bytes);
  expect(await store.get(stored[0]!.hash)).toEqual(bytes);
});
