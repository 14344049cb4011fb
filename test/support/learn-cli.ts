import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prepareLetters } from "../../src/campaigns/prepare-letters.ts";
import { readCampaignFolder } from "../../src/files/read-campaign-folder.ts";
import { renderTxt } from "../../src/letters/render/txt.ts";
import { POSTBAG } from "./render-cli.ts";

// Runs `postbag learn` and `postbag render` as a user would, several at once
// (each run starts Node and tsx, which takes a few seconds), and reads what
// learning wrote.

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** What `postbag learn --json` prints. */
export interface LearnJson {
  out: string;
  letters: Array<{ file: string; id: string }>;
  columns: Array<{
    name: string;
    kind: "frame" | "text" | "flag";
    distinct: number;
    present: number;
    example: string;
  }>;
  footnotes: number;
  noise: Array<{ file: string; read: string; kept: string }>;
  warnings: string[];
  campaign: {
    title: string;
    date: string;
    sender: Record<string, unknown>;
    signatory: Record<string, unknown>;
  };
}

export interface Learned {
  out: string;
  report: LearnJson;
  letterMd: string;
  recipientsCsv: string;
  campaignYaml: string;
}

const MOST_AT_ONCE = 3;
let running = 0;
const waiting: Array<() => void> = [];

/** The real command, run without blocking: at most a few at once, so that a small machine keeps up. */
export async function postbagAsync(args: string[]): Promise<Run> {
  if (running >= MOST_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [POSTBAG, ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => child.kill(), 120_000);
      child.on("error", reject);
      child.on("close", (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** `postbag learn <inputs> --out <out> --json`, which must succeed; returns the report and the files written. */
export async function learn(inputs: string[], out: string, extra: string[] = []): Promise<Learned> {
  const run = await postbagAsync(["learn", ...inputs, "--out", out, "--json", ...extra]);
  if (run.status !== 0) throw new Error(`postbag learn exited ${run.status}: ${run.stderr}`);
  const read = (name: string) => readFileSync(join(out, name), "utf8");
  return {
    out,
    report: JSON.parse(run.stdout) as LearnJson,
    letterMd: read("letter.md"),
    recipientsCsv: read("recipients.csv"),
    campaignYaml: read("campaign.yaml"),
  };
}

/** `postbag render <campaign> --out <out> --format <formats>`, which must succeed. */
export async function render(campaign: string, out: string, formats: string): Promise<void> {
  const run = await postbagAsync(["render", campaign, "--out", out, "--format", formats]);
  if (run.status !== 0) throw new Error(`postbag render exited ${run.status}: ${run.stderr}`);
}

/**
 * A campaign folder's letters as text files, `<out>/<id>.txt`, made in this
 * process by the code `postbag render --format txt` runs (checked the same
 * way: a bad campaign throws before anything is written).
 */
export async function renderTxtHere(campaign: string, out: string): Promise<void> {
  const letters = prepareLetters(await readCampaignFolder(campaign));
  if (!existsSync(out)) mkdirSync(out, { recursive: true });
  for (const letter of letters) writeFileSync(join(out, `${letter.id}.txt`), renderTxt(letter));
}

/** The placeholders of a template: `((name))` as text, `((name??…))` as conditional. */
export function placeholdersOf(letterMd: string): { text: string[]; conditional: string[] } {
  const all = [...letterMd.matchAll(/\(\(([^()?]+?)(\?\?|\)\))/g)];
  return {
    text: all.filter((match) => match[2] === "))").map((match) => match[1] ?? ""),
    conditional: all.filter((match) => match[2] === "??").map((match) => match[1] ?? ""),
  };
}
