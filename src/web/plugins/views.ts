import { join } from "node:path";
import fastifyView from "@fastify/view";
import type { FastifyInstance } from "fastify";
import nunjucks from "nunjucks";
import { sourceFile } from "../../entry-points.ts";
import { GOVUK_DIR } from "./assets.ts";

const WEB_DIR = sourceFile("web");

/**
 * Nunjucks with autoescaping: every value is text unless a template says
 * otherwise. Templates are found beside their journey step (`sign-in/sign-in.njk`),
 * in `views/` (the layout, partials) and in govuk-frontend (its macros).
 */
export async function viewsPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [join(WEB_DIR, "views"), WEB_DIR, GOVUK_DIR],
    options: {
      autoescape: true,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (env: nunjucks.Environment) => env.addFilter("date", formatDate),
    },
  });
}

const MONTHS = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "2020-11-05" or a Date → "5 November 2020"; empty stays empty. */
export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  const date = value instanceof Date ? value : new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? String(value) : MONTHS.format(date);
}
