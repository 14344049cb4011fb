import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { prepareLetters } from "../../src/campaigns/prepare-letters.ts";
import { readCampaignFolder } from "../../src/files/read-campaign-folder.ts";
import { learnCampaign, type LearnedCampaign } from "../../src/learn/learn-campaign.ts";
import { LETTER_EXTENSIONS, readLetterFile } from "../../src/learn/read/read-letter-file.ts";
import { writeLearnedCampaign } from "../../src/learn/write-learned-campaign.ts";
import type { LearnReport } from "../../src/learn/write/learn-report.ts";
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
export type LearnJson = LearnReport & { out: string; campaign: LearnedCampaign["campaign"] };

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
  if (running < MOST_AT_ONCE) running += 1;
  // A run that ends hands its place straight to the next one waiting.
  else await new Promise<void>((resolve) => waiting.push(resolve));
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
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** `postbag learn <inputs> --out <out> --json`, which must succeed; returns the report and the files written. */
export async function learn(inputs: string[], out: string): Promise<Learned> {
  const run = await postbagAsync(["learn", ...inputs, "--out", out, "--json"]);
  if (run.status !== 0) throw new Error(`postbag learn exited ${run.status}: ${run.stderr}`);
  return learnedFolder(out, JSON.parse(run.stdout) as LearnJson);
}

/**
 * What `postbag learn <folder> --out <out> --json` does, done in this process
 * by the same use case, readers and writer (the command adds only its
 * arguments, and checks --out, which the command-line tests cover): learning
 * a dozen folders this way takes a second, not a process start each.
 */
export function learnHere(folder: string, out: string): Promise<Learned> {
  // One at a time: each write stages its folder and listens for the process's exit meanwhile.
  const learned = lastHere.then(() => learnFolderHere(folder, out));
  lastHere = learned.catch(() => undefined);
  return learned;
}

let lastHere: Promise<unknown> = Promise.resolve();

async function learnFolderHere(folder: string, out: string): Promise<Learned> {
  const files = readdirSync(folder)
    .filter((name) => LETTER_EXTENSIONS.includes(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(folder, name));
  const letters = await Promise.all(files.map((file) => readLetterFile(file, readFileSync(file))));
  const learned = learnCampaign({ letters });
  await writeLearnedCampaign(learned, out);
  return learnedFolder(out, { out, ...learned.report, campaign: learned.campaign });
}

function learnedFolder(out: string, report: LearnJson): Learned {
  const read = (name: string) => readFileSync(join(out, name), "utf8");
  return {
    out,
    report,
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
