import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { ITEM_STATES } from "../campaigns/states.ts";
import { PostbagError } from "../errors.ts";
import { isOrphan, ownedSuffix, pathExists, removeOrphans } from "../files/temporary-names.ts";
import type { PublicCampaign } from "./public-model.ts";
import { searchIndexOf } from "./public-json.ts";
import { publicUrls } from "./public-urls.ts";

// `postbag publish --static <dir>`: the public site as plain files that any
// web server can serve. Every page, feed, JSON file, PDF and reply file is
// the app's own response (app.inject), so the export shows exactly what the
// site shows; the search page searches search-index.json in the browser.
// Everything is written into a staging folder beside the target and moved
// into place at the end: a failure leaves the target as it was.

/** Marks a folder as a previous export, which a new export may replace. */
export const EXPORT_MARKER = ".postbag-static-export";

export interface StaticExportServices {
  publicCampaigns(): Promise<PublicCampaign[]>;
  config: { office: { name: string | null } };
}

export interface StaticExportOptions {
  app: FastifyInstance;
  services: StaticExportServices;
  dir: string;
  onProgress?: (done: number, total: number) => void;
}

export interface StaticExportResult {
  dir: string;
  files: number;
  bytes: number;
}

/** The assets public pages use, beside those their stylesheet names (url(/assets/…)). */
const ASSETS = ["/assets/postbag.css", "/assets/office.css", "/assets/public-search.js", "/favicon.ico"];
const STATIC_SEARCH_SCRIPT = "/assets/public-search.js";

export async function exportStaticSite(options: StaticExportOptions): Promise<StaticExportResult> {
  const { app, services } = options;
  const target = resolve(options.dir);
  await recoverExport(target);
  await checkTarget(target);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const suffix = ownedSuffix();
  const staging = join(parent, `.${basename(target)}.staging-${suffix}`);
  await mkdir(staging);
  try {
    const campaigns = await services.publicCampaigns();
    const paths = sitePaths(campaigns);
    const stylesheet = await fetchPath(app, "/assets/postbag.css");
    const assets = [...ASSETS, ...assetsNamedIn(stylesheet.toString("utf8"))];
    const all = [...new Set([...paths, ...assets])];
    const total = all.length + 2;
    let done = 0;
    let bytes = 0;
    for (const path of all) {
      const body = await fetchPath(app, path);
      await writeAt(staging, path, body);
      bytes += body.length;
      options.onProgress?.((done += 1), total);
    }
    const notFound = await app.inject({ method: "GET", url: "/.postbag-export/not-found" });
    await writeFile(join(staging, "404.html"), notFound.rawPayload);
    bytes += notFound.rawPayload.length;
    options.onProgress?.((done += 1), total);
    const search = await staticSearchPage(app, services, campaigns);
    await writeAt(staging, publicUrls.search(), Buffer.from(search));
    bytes += search.length;
    options.onProgress?.((done += 1), total);
    await writeFile(
      join(staging, EXPORT_MARKER),
      `${JSON.stringify({ writtenAt: new Date().toISOString(), files: total })}\n`,
    );
    await swapIn(staging, target, join(parent, `.${basename(target)}.old-${suffix}`));
    return { dir: target, files: total, bytes };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Every public URL of the site (but the search page, which is the browser's). */
export function sitePaths(campaigns: PublicCampaign[]): string[] {
  const paths = [publicUrls.home(), publicUrls.homeJson(), publicUrls.feed(), publicUrls.searchIndex()];
  for (const campaign of campaigns) {
    paths.push(
      publicUrls.campaign(campaign.id),
      publicUrls.campaignJson(campaign.id),
      publicUrls.campaignFeed(campaign.id),
      ...(campaign.digest ? [publicUrls.digest(campaign.id), publicUrls.digestJson(campaign.id)] : []),
    );
    for (const letter of campaign.letters) {
      paths.push(
        publicUrls.letter(campaign.id, letter.recipient),
        publicUrls.letterJson(campaign.id, letter.recipient),
        publicUrls.letterHtml(campaign.id, letter.recipient),
      );
      if (letter.pdfHash) paths.push(publicUrls.letterPdf(campaign.id, letter.recipient));
      for (const reply of letter.replies) {
        for (const document of reply.documents) {
          if (document.source !== "body")
            paths.push(publicUrls.document(campaign.id, letter.recipient, document));
        }
      }
    }
  }
  return paths;
}

function assetsNamedIn(css: string): string[] {
  return [...css.matchAll(/url\(["']?(\/assets\/[^"')?#]+)/g)].map((match) => match[1] ?? "");
}

async function fetchPath(app: FastifyInstance, path: string): Promise<Buffer> {
  const response = await app.inject({ method: "GET", url: path });
  if (response.statusCode !== 200) {
    throw new PostbagError("internal", `the public site answered ${response.statusCode} for ${path}`);
  }
  return response.rawPayload;
}

/** The file for a URL path: decoded, each part checked, a folder's page as index.html. */
export function filePathOf(root: string, path: string): string {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  for (const part of parts) {
    if (part === "." || part === ".." || /[/\\\0]/.test(part)) {
      throw new PostbagError("internal", `the public path ${path} cannot be a file name`);
    }
  }
  if (path.endsWith("/")) parts.push("index.html");
  return join(root, ...parts);
}

async function writeAt(root: string, path: string, body: Buffer): Promise<void> {
  const file = filePathOf(root, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, body);
}

async function staticSearchPage(
  app: FastifyInstance,
  services: StaticExportServices,
  campaigns: PublicCampaign[],
): Promise<string> {
  const index = searchIndexOf(campaigns);
  const home = await app.inject({ method: "GET", url: publicUrls.homeJson() });
  const office = (JSON.parse(home.body) as { office: string }).office;
  return app.view("public/search-static.njk", {
    office: { name: services.config.office.name ?? office },
    pageTitle: "Search",
    campaigns: index.campaigns,
    bodies: index.bodies,
    states: ITEM_STATES.map((state) => ({ value: state, text: stateWords(state) })),
    scripts: [STATIC_SEARCH_SCRIPT],
    feed: { url: publicUrls.feed(), title: `${office}: letters and replies` },
  });
}

function stateWords(state: string): string {
  return (
    {
      requested: "Requested, not yet answered",
      received: "Received",
      declined: "Declined",
      "not-held": "Not held",
      public: "Already public",
    }[state] ?? state
  );
}

/** Refuses to replace a folder that holds anything but a previous export. */
async function checkTarget(target: string): Promise<void> {
  const found = await stat(target).catch(() => null);
  if (!found) return;
  if (!found.isDirectory()) {
    throw new PostbagError("bad_input", `${target} is a file, not a folder: give a folder for the site`);
  }
  const entries = await readdir(target);
  if (entries.length === 0 || entries.includes(EXPORT_MARKER)) return;
  throw new PostbagError(
    "bad_input",
    `${target} is not empty and is not a previous export of the public site: give an empty or new folder`,
  );
}

/**
 * An export killed half-way leaves its staging folder, or the previous export
 * moved aside: the previous one is put back if the target is gone, and the
 * rest removed (only those of processes no longer running).
 */
async function recoverExport(target: string): Promise<void> {
  const parent = dirname(target);
  const name = basename(target);
  const olds = (await readdir(parent).catch(() => [] as string[])).filter(
    (entry) => entry.startsWith(`.${name}.old-`) && isOrphan(entry),
  );
  const [previous] = olds;
  if (previous && !(await pathExists(target))) await rename(join(parent, previous), target);
  await removeOrphans(
    parent,
    (entry) => entry.startsWith(`.${name}.staging-`) || entry.startsWith(`.${name}.old-`),
  );
}

async function swapIn(staging: string, target: string, old: string): Promise<void> {
  const existing = await stat(target).catch(() => null);
  if (existing) await rename(target, old);
  try {
    await rename(staging, target);
  } catch (error) {
    if (existing) await rename(old, target);
    throw error;
  }
  if (existing) await rm(old, { recursive: true, force: true });
}

/** Reads a file of an export (for tests and tools). */
export function readExported(dir: string, path: string): Promise<Buffer> {
  return readFile(filePathOf(dir, path));
}
