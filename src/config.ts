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
  POSTBAG_SMTP_HOST: z.string().optional(),
  POSTBAG_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** "tls": TLS from the start (port 465); "starttls" (default): upgrade when the server offers it; "none": loopback tests only. */
  POSTBAG_SMTP_SECURITY: z.enum(["tls", "starttls", "none"]).default("starttls"),
  POSTBAG_SMTP_USER: z.string().optional(),
  POSTBAG_SMTP_PASSWORD: z.string().optional(),
  POSTBAG_MAIL_FROM: z.string().default("Postbag <postbag@localhost>"),
  /** Replies come to replies+<token>@<this domain>: default, the domain of POSTBAG_MAIL_FROM. */
  POSTBAG_REPLY_DOMAIN: z.string().optional(),
  POSTBAG_SEND_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(60),
  /** A send job whose process died is taken up again after this long (PostgreSQL; PGlite's owner does it on start). */
  POSTBAG_SEND_EXPIRE_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  POSTBAG_IMAP_HOST: z.string().optional(),
  POSTBAG_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  POSTBAG_IMAP_SECURITY: z.enum(["tls", "starttls", "none"]).default("tls"),
  POSTBAG_IMAP_USER: z.string().optional(),
  POSTBAG_IMAP_PASSWORD: z.string().optional(),
  POSTBAG_IMAP_MAILBOX: z.string().default("INBOX"),
  POSTBAG_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).default(60),
  /** The office the public site belongs to: default, the sender's role in the newest published campaign. */
  POSTBAG_OFFICE_NAME: z.string().optional(),
  /** The public site's header colour: white text must be readable on it (WCAG AA, 4.5:1). */
  POSTBAG_OFFICE_COLOUR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "write the colour as #rrggbb")
    .refine(
      (colour) => contrastWithWhite(colour) >= 4.5,
      "white text on this colour is too faint: pick a darker one (contrast 4.5:1)",
    )
    .default("#4c2882"),
  /**
   * Where stored files (approved letters, replies, public copies) are kept:
   * "folder" (POSTBAG_DATA/files, the default) or "database", so that servers
   * on one PostgreSQL need no shared disk.
   */
  POSTBAG_FILE_STORE: z.enum(["folder", "database"]).default("folder"),
  /** Longest a reply's file may take to check, redact or read, in its own thread, before it is given up as too large. */
  POSTBAG_DOCUMENT_SECONDS: z.coerce.number().positive().max(3600).default(60),
  /** Scans read at once, each by a worker process with its own Tesseract (default: 2, or 1 on one core). */
  POSTBAG_OCR_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  /** The languages scans are written in: "eng" (the default), "cym" (Welsh), or "eng+cym" (slower). */
  POSTBAG_OCR_LANGUAGES: z
    .enum(["eng", "cym", "eng+cym", "cym+eng"], { message: 'write "eng", "cym" or "eng+cym"' })
    .default("eng"),
  /** How much the server logs, as JSON lines on standard output: one line a request at "info". */
  POSTBAG_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Behind a reverse proxy (TLS, a load balancer): "true" trusts every hop's
   * X-Forwarded-For and X-Forwarded-Proto; or a comma-separated list of the
   * proxies' addresses or CIDR ranges trusts only those. Then the
   * sign-in limit counts the client's address and cookies are Secure over HTTPS.
   */
  POSTBAG_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, context) => {
      const text = value?.trim() ?? "";
      if (text === "" || text === "false") return false;
      if (text === "true") return true;
      const addresses = text.split(",").map((part) => part.trim());
      if (addresses.every((part) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(part))) return addresses;
      context.addIssue({
        code: "custom",
        message: 'write "true", or the addresses of the proxies, separated by commas',
      });
      return z.NEVER;
    }),
  /** Where the public site is reached, for links in feeds: default, http://HOST:PORT. */
  POSTBAG_PUBLIC_URL: z.string().url().optional(),
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
  /** Sending email: no host, no email channel. */
  smtp: {
    host: string | undefined;
    port: number;
    security: "tls" | "starttls" | "none";
    user: string | undefined;
    password: string | undefined;
    from: string;
    replyDomain: string;
    perMinute: number;
    /** How long one send may take; a job still active after it is taken as orphaned and retried. */
    expireSeconds: number;
  };
  /** The reply inbox: no host, no polling. */
  imap: {
    host: string | undefined;
    port: number;
    security: "tls" | "starttls" | "none";
    user: string | undefined;
    password: string | undefined;
    mailbox: string;
    pollSeconds: number;
  };
  /** The public site: the office's name (null: taken from the campaigns), colour and address. */
  office: { name: string | null; colour: string; publicUrl: string };
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  fileStore: "folder" | "database";
  /** Which proxies' X-Forwarded-* headers to believe (false: none, the default). */
  trustProxy: boolean | string[];
  /** Longest a file from outside may take to check, redact or read. */
  documentSeconds: number;
  /** Reading scans: workers at once (0: scans are not read) and Tesseract's languages. */
  ocr: { workers: number; languages: string };
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
    smtp: {
      host: values.POSTBAG_SMTP_HOST || undefined,
      port: values.POSTBAG_SMTP_PORT,
      security: values.POSTBAG_SMTP_SECURITY,
      user: values.POSTBAG_SMTP_USER || undefined,
      password: values.POSTBAG_SMTP_PASSWORD || undefined,
      from: values.POSTBAG_MAIL_FROM,
      replyDomain: values.POSTBAG_REPLY_DOMAIN || domainOf(values.POSTBAG_MAIL_FROM),
      perMinute: values.POSTBAG_SEND_PER_MINUTE,
      expireSeconds: values.POSTBAG_SEND_EXPIRE_SECONDS,
    },
    imap: {
      host: values.POSTBAG_IMAP_HOST || undefined,
      port: values.POSTBAG_IMAP_PORT,
      security: values.POSTBAG_IMAP_SECURITY,
      user: values.POSTBAG_IMAP_USER || undefined,
      password: values.POSTBAG_IMAP_PASSWORD || undefined,
      mailbox: values.POSTBAG_IMAP_MAILBOX,
      pollSeconds: values.POSTBAG_IMAP_POLL_SECONDS,
    },
    office: {
      name: values.POSTBAG_OFFICE_NAME?.trim() || null,
      colour: values.POSTBAG_OFFICE_COLOUR.toLowerCase(),
      publicUrl: (values.POSTBAG_PUBLIC_URL ?? `http://${values.HOST}:${values.PORT}`).replace(/\/+$/, ""),
    },
    logLevel: values.POSTBAG_LOG_LEVEL,
    trustProxy: values.POSTBAG_TRUST_PROXY,
    fileStore: values.POSTBAG_FILE_STORE,
    documentSeconds: values.POSTBAG_DOCUMENT_SECONDS,
    ocr: {
      workers: values.POSTBAG_OCR_WORKERS ?? Math.min(2, availableParallelism()),
      languages: values.POSTBAG_OCR_LANGUAGES,
    },
  };
}

/** WCAG 2 contrast ratio of white against a #rrggbb colour. */
function contrastWithWhite(colour: string): number {
  const channel = (offset: number) => {
    const value = parseInt(colour.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

/** "Office <office@example.org>" → "example.org". */
function domainOf(address: string): string {
  return /@([^\s>]+)>?\s*$/.exec(address)?.[1] ?? "localhost";
}
