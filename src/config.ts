import { availableParallelism } from "node:os";
import { z } from "zod";
import { PostbagError } from "./errors.ts";

// The one configuration, read from the environment once, at start-up.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  POSTBAG_DATA: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  POSTBAG_RENDER_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * Letters a render worker makes before it is replaced, so whatever memory it
   * has kept is given back. Each replacement costs ~0.4 s of CPU; with the
   * pool's small V8 young generation a worker's RSS stays flat (see render-pool.ts).
   */
  POSTBAG_RECYCLE_AFTER: z.coerce.number().int().min(1).default(1000),
  POSTBAG_DEMO_CAMPAIGN: z.string().default("examples/vru-2020"),
  POSTBAG_ADMIN_EMAIL: z.string().default("admin@localhost"),
  POSTBAG_ADMIN_PASSWORD: z.string().optional(),
  POSTBAG_NOTIFY_API_KEY: z.string().optional(),
  POSTBAG_NOTIFY_BASE_URL: z.string().url().default("https://api.notifications.service.gov.uk"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL when set; otherwise PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  renderWorkers: number;
  recycleAfter: number;
  demoCampaignDir: string;
  /** The admin made on first start; without a password one is generated and shown once. */
  admin: { email: string; password: string | undefined };
  /** GOV.UK Notify: a live API key ({key name}-{service id}-{secret}); unset = no Notify channel. */
  notify: { apiKey: string | undefined; baseUrl: string };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PostbagError("bad_input", `environment variable ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: values.POSTBAG_DATA,
    databaseUrl: values.DATABASE_URL || undefined,
    renderWorkers: values.POSTBAG_RENDER_WORKERS ?? availableParallelism(),
    recycleAfter: values.POSTBAG_RECYCLE_AFTER,
    demoCampaignDir: values.POSTBAG_DEMO_CAMPAIGN,
    admin: { email: values.POSTBAG_ADMIN_EMAIL, password: values.POSTBAG_ADMIN_PASSWORD || undefined },
    notify: { apiKey: values.POSTBAG_NOTIFY_API_KEY || undefined, baseUrl: values.POSTBAG_NOTIFY_BASE_URL },
  };
}
