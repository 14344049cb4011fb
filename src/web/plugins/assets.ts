import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { sourceFile } from "../../entry-points.ts";
import { PUBLIC } from "../auth/access.ts";

const require = createRequire(import.meta.url);
export const GOVUK_DIR = join(dirname(require.resolve("govuk-frontend/package.json")), "dist");
const ASSETS = sourceFile("web/assets");
const SCSS = join(ASSETS, "postbag.scss");
/** Postbag's own scripts, each an ES module that only enhances a page. */
const SCRIPTS = ["postbag.js", "live-preview.js", "select-all.js", "public-search.js"];
// Compiling govuk-frontend's Sass takes over a second, so the result is kept
// by the hash of its inputs, like other tools' caches in node_modules/.cache.
const CACHE_DIR = sourceFile("../node_modules/.cache/postbag");

/** govuk-frontend's fonts-free assets, its script, Postbag's script and stylesheet, under /assets. */
export async function assetsPlugin(
  app: FastifyInstance,
  options: { officeColour?: string } = {},
): Promise<void> {
  const css = await postbagCss();
  // The public site's header in the office's colour: a stylesheet, since the CSP forbids inline styles.
  const officeCss = officeStylesheet(options.officeColour ?? "#4c2882");
  app.get("/assets/office.css", PUBLIC, (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, no-cache").send(officeCss),
  );
  // govuk-frontend's images and manifest; sendFile refuses paths outside the root.
  await app.register(fastifyStatic, { root: join(GOVUK_DIR, "govuk", "assets"), serve: false });
  app.get<{ Params: { "*": string } }>("/assets/*", PUBLIC, (request, reply) =>
    reply.sendFile(request.params["*"], { maxAge: "1h" }),
  );
  app.get("/assets/postbag.css", PUBLIC, (_request, reply) =>
    reply.type("text/css; charset=utf-8").send(css),
  );
  for (const script of SCRIPTS) {
    app.get(`/assets/${script}`, PUBLIC, (_request, reply) =>
      reply.type("text/javascript; charset=utf-8").send(readFileSync(join(ASSETS, script))),
    );
  }
  app.get("/favicon.ico", PUBLIC, (_request, reply) =>
    reply
      .type("image/svg+xml")
      .header("cache-control", "max-age=86400")
      .send(readFileSync(join(ASSETS, "icon.svg"))),
  );
  app.get("/assets/govuk-frontend.min.js", PUBLIC, (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .send(readFileSync(join(GOVUK_DIR, "govuk", "govuk-frontend.min.js"))),
  );
}

/** The office's colour (checked by config.ts: #rrggbb, readable under white text) for the public header. */
export function officeStylesheet(colour: string): string {
  const safe = /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#4c2882";
  return `.postbag-header--office,.postbag-office-border{background-color:${safe};border-color:${safe}}\n`;
}

let compiled: Promise<string> | undefined;

function postbagCss(): Promise<string> {
  return (compiled ??= compileCss());
}

async function compileCss(): Promise<string> {
  const source = readFileSync(SCSS, "utf8");
  const version = readFileSync(join(GOVUK_DIR, "..", "package.json"), "utf8");
  const key = createHash("sha256").update(source).update(version).digest("hex").slice(0, 16);
  const cached = join(CACHE_DIR, `postbag-${key}.css`);
  try {
    return readFileSync(cached, "utf8");
  } catch {
    // Not compiled yet.
  }
  const sass = await import("sass");
  const { css } = sass.compile(SCSS, {
    loadPaths: [join(GOVUK_DIR, "..", "..")],
    style: "compressed",
    quietDeps: true,
  });
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(cached, css);
  } catch {
    // A read-only install compiles on every start instead.
  }
  return css;
}
