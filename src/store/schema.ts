import type { ScanReading } from "../documents/ocr/scan-reading.ts";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// One schema for PGlite and PostgreSQL. Migrations are generated from it
// (npm run db:generate) and only ever added to, never edited.

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  role: text("role").notNull(),
  passwordHash: text("password_hash"),
  createdAt: createdAt(),
  /** Set by an admin: the user cannot sign in, and their sessions and tokens no longer work. */
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
});

export const organisations = pgTable("organisations", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind").notNull().default(""),
  nation: text("nation"),
  website: text("website").notNull().default(""),
});

export const contacts = pgTable("contacts", {
  id: serial("id").primaryKey(),
  organisationId: integer("organisation_id")
    .notNull()
    .references(() => organisations.id),
  name: text("name").notNull(),
  role: text("role").notNull().default(""),
  email: text("email").notNull().default(""),
});

export const campaigns = pgTable("campaigns", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  date: date("date", { mode: "string" }).notNull(),
  sender: jsonb("sender").notNull(),
  signatory: jsonb("signatory").notNull(),
  replyWithinDays: integer("reply_within_days"),
  /** Working days between chasers of one letter (campaign.yaml's chase_every); a chaser is due after as many. */
  chaseEveryDays: integer("chase_every_days").notNull().default(10),
  templateVersion: integer("template_version").notNull().default(1),
  templateHash: text("template_hash").notNull(),
  letterSource: text("letter_source").notNull(),
  chaserSource: text("chaser_source"),
  folder: text("folder").notNull(),
  /** What the campaign is for, in a sentence or two: campaign.yaml's `purpose`, shown on the public site. */
  purpose: text("purpose"),
  /** What the digest answers from the replies: campaign.yaml's `questions` ({id, question, kind}). */
  questions: jsonb("questions")
    .$type<{ id: string; question: string; kind: string }[]>()
    .notNull()
    .default([]),
  createdAt: createdAt(),
});

export const campaignRequests = pgTable(
  "campaign_requests",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    id: text("id").notNull(),
    title: text("title").notNull(),
    position: integer("position").notNull(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.id] })],
);

export const recipients = pgTable(
  "recipients",
  {
    id: serial("id").primaryKey(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    key: text("key").notNull(),
    fields: jsonb("fields").$type<Record<string, string>>().notNull(),
    nation: text("nation").notNull(),
    organisationId: integer("organisation_id").references(() => organisations.id),
  },
  (table) => [uniqueIndex("recipients_campaign_key").on(table.campaignId, table.key)],
);

export const letters = pgTable(
  "letters",
  {
    id: serial("id").primaryKey(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    recipientId: integer("recipient_id")
      .notNull()
      .references(() => recipients.id),
    kind: text("kind").notNull().default("letter"),
    /** A chaser points at the first letter it chases. */
    parentLetterId: integer("parent_letter_id"),
    state: text("state").notNull().default("draft"),
    currentVersion: integer("current_version").notNull().default(1),
    sentOn: date("sent_on", { mode: "string" }),
    sentVia: text("sent_via"),
    dueOn: date("due_on", { mode: "string" }),
    /** After this date an unanswered letter is very overdue (twice the window). */
    veryDueOn: date("very_due_on", { mode: "string" }),
    /** Why a person withdrew it (the audit entry keeps it too): shown wherever the letter is. */
    withdrawnReason: text("withdrawn_reason"),
    /** Optimistic locking: every update bumps it and checks the old value. */
    lockVersion: integer("lock_version").notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    index("letters_campaign").on(table.campaignId, table.kind),
    index("letters_overdue").on(table.state, table.dueOn),
    uniqueIndex("letters_one_first_letter")
      .on(table.recipientId)
      .where(sql`${table.kind} = 'letter'`),
  ],
);

export const letterVersions = pgTable(
  "letter_versions",
  {
    id: serial("id").primaryKey(),
    letterId: integer("letter_id")
      .notNull()
      .references(() => letters.id),
    number: integer("number").notNull(),
    contentHash: text("content_hash").notNull(),
    content: jsonb("content").notNull(),
    approvedBy: text("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("letter_versions_number").on(table.letterId, table.number)],
);

/** The rendered files of an approved version, kept by content hash. */
export const letterVersionFiles = pgTable(
  "letter_version_files",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => letterVersions.id),
    format: text("format").notNull(),
    fileHash: text("file_hash")
      .notNull()
      .references(() => files.hash),
  },
  (table) => [primaryKey({ columns: [table.versionId, table.format] })],
);

export const letterItems = pgTable(
  "letter_items",
  {
    letterId: integer("letter_id")
      .notNull()
      .references(() => letters.id),
    itemId: text("item_id").notNull(),
    state: text("state").notNull().default("requested"),
    publicUrl: text("public_url"),
  },
  (table) => [primaryKey({ columns: [table.letterId, table.itemId] })],
);

export const files = pgTable("files", {
  hash: text("hash").primaryKey(),
  size: integer("size").notNull(),
  mediaType: text("media_type").notNull(),
  createdAt: createdAt(),
});

export const replies = pgTable(
  "replies",
  {
    id: serial("id").primaryKey(),
    letterId: integer("letter_id")
      .notNull()
      .references(() => letters.id),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    channel: text("channel").notNull(),
    sender: text("sender").notNull().default(""),
    text: text("text").notNull().default(""),
    createdAt: createdAt(),
  },
  (table) => [index("replies_letter").on(table.letterId)],
);

export const replyFiles = pgTable(
  "reply_files",
  {
    replyId: integer("reply_id")
      .notNull()
      .references(() => replies.id),
    fileHash: text("file_hash")
      .notNull()
      .references(() => files.hash),
    name: text("name").notNull(),
  },
  (table) => [primaryKey({ columns: [table.replyId, table.fileHash, table.name] })],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** ISO 8601, kept as written: it is part of the hashed content. */
    at: text("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (table) => [index("audit_entity").on(table.entity, table.entityId)],
);

/** One row: the chain's head. Locking it serialises appends to the audit log. */
export const auditHead = pgTable("audit_head", {
  id: integer("id").primaryKey(),
  lastId: bigint("last_id", { mode: "number" }).notNull().default(0),
  lastHash: text("last_hash").notNull(),
  count: bigint("count", { mode: "number" }).notNull().default(0),
});

/** A signed-in browser. Only the token's SHA-256 is kept: a copy of the database signs nobody in. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("sessions_user").on(table.userId)],
);

/** A token for the JSON API (Authorization: Bearer), shown once when made; only its hash is kept. */
export const apiTokens = pgTable("api_tokens", {
  id: serial("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/**
 * A letter on its way out by email or GOV.UK Notify. The Message-ID is made
 * from the letter before the first try, so a resend after a crash carries the
 * same one; the reply token makes the per-letter Reply-To address.
 */
export const outboundMessages = pgTable(
  "outbound_messages",
  {
    id: serial("id").primaryKey(),
    letterId: integer("letter_id")
      .notNull()
      .references(() => letters.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => letterVersions.id),
    channel: text("channel").notNull(),
    /** queued, sending, sent, failed (permanently), returned (bounced). */
    state: text("state").notNull().default("queued"),
    messageId: text("message_id").notNull().unique(),
    replyToken: text("reply_token").notNull().unique(),
    toAddress: text("to_address").notNull().default(""),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** The provider's id (Notify's notification id, the SMTP server's queue id). */
    providerId: text("provider_id"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [index("outbound_letter").on(table.letterId), index("outbound_state").on(table.state)],
);

/**
 * Every message that came in (IMAP, a saved .eml, or typed in for post): kept
 * whole by the hash of its raw bytes, classified, and matched to a letter, or
 * held until a person files it.
 */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: serial("id").primaryKey(),
    source: text("source").notNull(),
    rawHash: text("raw_hash")
      .notNull()
      .unique()
      .references(() => files.hash),
    messageId: text("message_id"),
    inReplyTo: text("in_reply_to"),
    references: text("references"),
    fromAddress: text("from_address").notNull().default(""),
    toAddresses: text("to_addresses").notNull().default(""),
    subject: text("subject").notNull().default(""),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** reply, auto-reply, bounce (a failure or a delay), report (a delivery that succeeded, a spam complaint). */
    kind: text("kind").notNull(),
    /** matched, held, filed, ignored. */
    state: text("state").notNull(),
    letterId: integer("letter_id").references(() => letters.id),
    /** token, headers, domain, person. */
    matchedBy: text("matched_by"),
    replyId: integer("reply_id").references(() => replies.id),
    problems: jsonb("problems").$type<string[]>().notNull().default([]),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("inbound_state").on(table.state), index("inbound_message_id").on(table.messageId)],
);

/** The text of a stored file (reply attachments), for search and for suggestions. */
export const fileTexts = pgTable("file_texts", {
  fileHash: text("file_hash")
    .primaryKey()
    .references(() => files.hash),
  text: text("text").notNull(),
  problems: jsonb("problems").$type<string[]>().notNull().default([]),
  /** What OCR read of the file's scanned pages or pictures, with each word's box and confidence. */
  ocr: jsonb("ocr").$type<ScanReading>(),
  /** Where each page starts in `text` (PDFs and multi-page scans), so a passage can say its page. */
  pageStarts: jsonb("page_starts").$type<number[]>(),
});

/** Where IMAP polling got to in each mailbox, so a restart reads each message once. */
export const mailboxCursors = pgTable("mailbox_cursors", {
  mailbox: text("mailbox").primaryKey(),
  uidValidity: bigint("uid_validity", { mode: "number" }).notNull(),
  lastUid: bigint("last_uid", { mode: "number" }).notNull().default(0),
});

/**
 * What a person decided to make public: a campaign, a letter, a reply or a
 * document. A thing is public only when it and everything above it is
 * published (a reply needs its letter, a letter its campaign).
 */
export const publications = pgTable(
  "publications",
  {
    /** campaign, letter, reply, document. */
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    publishedBy: text("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.entity, table.entityId] }),
    index("publications_campaign").on(table.campaignId),
  ],
);

/**
 * What a person took off the public site on its own (a letter, a reply or a
 * document): publishing the whole campaign again leaves it off, until someone
 * publishes that very thing again.
 */
export const withheldPublications = pgTable(
  "withheld_publications",
  {
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    withheldBy: text("withheld_by").notNull(),
    withheldAt: timestamp("withheld_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.entity, table.entityId] })],
);

/**
 * Counters of attempts in a time window (signing in, per address and per
 * account), kept in the database so that every process and server sharing
 * it counts the same attempts.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});

/**
 * Work that outlasts the request that asked for it (importing a large
 * recipients file): its progress, for the page that shows it, and how it
 * ended. All or nothing, so a task whose process died imported nothing.
 */
export const backgroundTasks = pgTable("background_tasks", {
  id: serial("id").primaryKey(),
  kind: text("kind").notNull(),
  campaignId: text("campaign_id").notNull(),
  /** running, done, failed. */
  state: text("state").notNull().default("running"),
  /** What it is doing now, in words ("Preparing the letters"). */
  step: text("step").notNull().default(""),
  done: integer("done").notNull().default(0),
  total: integer("total").notNull().default(0),
  /** When done: what it did (an import summary); when failed: the problems, each with its place. */
  outcome: jsonb("outcome"),
  actor: text("actor").notNull(),
  createdAt: createdAt(),
  /** Written with every step and every bit of progress: a running task not heard of for long is dead. */
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A publishable document of a reply: its message text or one of its files.
 * The public copy is made from the original by the publication checks
 * (metadata stripped) and the redactions; the original is never served.
 */
export const documents = pgTable(
  "documents",
  {
    id: serial("id").primaryKey(),
    replyId: integer("reply_id")
      .notNull()
      .references(() => replies.id),
    /** body (the reply's own text) or file. */
    source: text("source").notNull(),
    name: text("name").notNull(),
    mediaType: text("media_type").notNull(),
    originalHash: text("original_hash")
      .notNull()
      .references(() => files.hash),
    publicHash: text("public_hash").references(() => files.hash),
    /** The public copy's text, for the public pages and search. */
    publicText: text("public_text").notNull().default(""),
    metadataRemoved: jsonb("metadata_removed").$type<string[]>().notNull().default([]),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("documents_of_reply").on(table.replyId, table.source, table.name, table.originalHash),
  ],
);

/** What a publication check found in a document; a document is publishable once every finding is resolved. */
export const documentFindings = pgTable(
  "document_findings",
  {
    id: serial("id").primaryKey(),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id),
    code: text("code").notNull(),
    /** block (hidden content) or review (personal data). Both stop publication until resolved. */
    severity: text("severity").notNull(),
    message: text("message").notNull(),
    location: text("location").notNull().default(""),
    /** Still found in the current public copy (a redaction can remove what was found). */
    current: boolean("current").notNull().default(true),
    resolvedBy: text("resolved_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolution: text("resolution"),
  },
  (table) => [index("document_findings_document").on(table.documentId)],
);

/** A redaction of a document's public copy: exact text, a pattern or a box on a PDF page, with its reason. */
export const redactions = pgTable(
  "redactions",
  {
    id: serial("id").primaryKey(),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id),
    kind: text("kind").notNull(),
    spec: jsonb("spec").$type<Record<string, unknown>>().notNull(),
    reason: text("reason").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("redactions_document").on(table.documentId)],
);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The public search index: one row per public page (campaign, letter, reply,
 * document), rebuilt for a campaign whenever what is public in it changes, so
 * it never holds anything unpublished. English stemming, on PGlite too.
 */
export const searchEntries = pgTable(
  "search_entries",
  {
    id: serial("id").primaryKey(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    kind: text("kind").notNull(),
    url: text("url").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    organisation: text("organisation").notNull().default(""),
    letterId: integer("letter_id"),
    on: date("on", { mode: "string" }),
    tsv: tsvector("tsv")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A') || to_tsvector('english', coalesce(body, ''))`,
      ),
  },
  (table) => [
    index("search_entries_tsv").using("gin", table.tsv),
    index("search_entries_campaign").on(table.campaignId),
  ],
);

/** Bytes as PostgreSQL's bytea: node-postgres and PGlite both give a Uint8Array (a Buffer from node-postgres). */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * The files a campaign was last imported from (campaign.yaml, the letter and
 * chaser, the recipients, the signature), kept in the database so that every
 * server reads and edits the same campaign whatever its own disk holds.
 */
export const campaignSources = pgTable(
  "campaign_sources",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.name] })],
);

/**
 * Stored files' bytes when the file store is the database (POSTBAG_FILE_STORE=database):
 * each file in parts of 1 MB, written in one transaction, read part by part.
 */
export const fileParts = pgTable(
  "file_parts",
  {
    hash: text("hash").notNull(),
    part: integer("part").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (table) => [primaryKey({ columns: [table.hash, table.part] })],
);

/**
 * A person's decision on one cell of a campaign's digest (a body and a
 * question): accepted as proposed, accepted with their own value, or
 * rejected. An accepted answer keeps the passage it rests on (its quote,
 * file and page). The latest decision stands; each is in the audit log.
 */
export const digestAnswers = pgTable(
  "digest_answers",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    recipientKey: text("recipient_key").notNull(),
    questionId: text("question_id").notNull(),
    decision: text("decision").notNull(),
    value: text("value"),
    quote: text("quote"),
    file: text("file"),
    page: integer("page"),
    decidedBy: text("decided_by").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.recipientKey, table.questionId] })],
);

/** A person's change to one of a campaign's digest themes: renamed, hidden, or merged into another. */
export const digestThemes = pgTable(
  "digest_themes",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    key: text("key").notNull(),
    label: text("label"),
    hidden: boolean("hidden").notNull().default(false),
    mergedInto: text("merged_into"),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.key] })],
);

/**
 * A campaign's digest as last built from its replies (build-digest.ts): the
 * stamp of the texts, questions and bodies it was built from (a different
 * stamp now means it is out of date) and the themes found. Built once in the
 * background, not on each view: a campaign of hundreds of replies takes
 * seconds to rank.
 */
export const digestBuilds = pgTable("digest_builds", {
  campaignId: text("campaign_id")
    .primaryKey()
    .references(() => campaigns.id),
  stamp: text("stamp").notNull(),
  builtAt: timestamp("built_at", { withTimezone: true }).notNull().defaultNow(),
  themes: jsonb("themes").$type<unknown[]>().notNull(),
});

/** One cell of a built digest (a body and a question): its best passages and the value proposed. */
export const digestCells = pgTable(
  "digest_cells",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    recipientKey: text("recipient_key").notNull(),
    questionId: text("question_id").notNull(),
    passages: jsonb("passages").$type<unknown[]>().notNull(),
    proposed: jsonb("proposed"),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.recipientKey, table.questionId] })],
);
