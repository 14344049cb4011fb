import { PostbagError, throwIfProblems, type ErrorCode } from "../../errors.ts";
import { notifyJwt } from "./notify-jwt.ts";
import { parseNotifyKey } from "./notify-key.ts";
import { checkPrecompiledPdf } from "./precompiled-checks.ts";

// Sends one precompiled (PDF) letter through GOV.UK Notify:
// POST {baseUrl}/v2/notifications/letter with { reference, content: base64 PDF,
// postage? }, answered 201 { id, reference, postage }; errors come as
// { status_code, errors: [{ error, message }] }.
// Source: Notify's REST API documentation, "Send a precompiled letter" and
// "Error codes" (alphagov/notifications-tech-docs, source/documentation/_api_docs.md
// and error_tables/_send_a_precompiled_letter.md).

export const NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk";

/** Precompiled letters take first, second (Notify's default) or economy postage. */
export type NotifyPostage = "first" | "second" | "economy";

export interface PrecompiledLetter {
  /** Identifies the letter in Notify; must not hold personal data (use the letter's id). */
  reference: string;
  pdf: Uint8Array;
  postage?: NotifyPostage;
}

export interface NotifyDeps {
  /** POSTBAG_NOTIFY_API_KEY. */
  apiKey: string;
  /** POSTBAG_NOTIFY_BASE_URL; Notify's own by default. */
  baseUrl?: string;
  fetch: typeof fetch;
  /** Milliseconds since the epoch, for the token's iat. */
  now?: () => number;
}

export interface SentLetter {
  /** Notify's notification id. */
  id: string;
  reference: string;
  postage: string;
}

/**
 * A failure Notify reported (or reaching it failed). `retryable` says whether
 * sending the same letter again later may succeed (rate limits, Notify's own
 * errors, the network); a refused letter or key will be refused again.
 */
export class NotifyError extends PostbagError {
  constructor(
    code: ErrorCode,
    detail: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(code, detail);
  }
}

export async function sendPrecompiledLetter(
  letter: PrecompiledLetter,
  deps: NotifyDeps,
): Promise<SentLetter> {
  const key = parseNotifyKey(deps.apiKey);
  if (letter.reference.trim() === "") {
    throw new PostbagError("bad_input", "a letter sent through GOV.UK Notify needs a reference");
  }
  await refuseUnlessPrecompiled(letter);

  const body: Record<string, string> = {
    reference: letter.reference,
    content: Buffer.from(letter.pdf).toString("base64"),
  };
  if (letter.postage) body.postage = letter.postage;

  const url = `${(deps.baseUrl ?? NOTIFY_BASE_URL).replace(/\/+$/, "")}/v2/notifications/letter`;
  let response: Response;
  try {
    response = await deps.fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${notifyJwt(key, deps.now?.() ?? Date.now())}`,
        "content-type": "application/json",
        accept: "application/json",
        "user-agent": "postbag",
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : "";
    throw new NotifyError(
      "internal",
      `GOV.UK Notify could not be reached (${reason || "network error"})`,
      0,
      true,
    );
  }

  const answer: unknown = await response.json().catch(() => undefined);
  if (response.status === 201) return sentLetter(answer, letter);
  throw notifyFailure(response.status, answer);
}

async function refuseUnlessPrecompiled(letter: PrecompiledLetter): Promise<void> {
  const check = await checkPrecompiledPdf(letter.pdf);
  if (check.ok) return;
  throwIfProblems(
    check.problems.map(
      (problem) =>
        new PostbagError(
          "bad_input",
          `letter "${letter.reference}" does not meet GOV.UK Notify's letter specification (${problem.rule}): ${
            problem.page === undefined ? "" : `page ${problem.page}: `
          }${problem.message}`,
        ),
    ),
    "bad_input",
  );
}

function sentLetter(answer: unknown, letter: PrecompiledLetter): SentLetter {
  const value = (answer ?? {}) as Partial<Record<keyof SentLetter, unknown>>;
  if (typeof value.id !== "string" || value.id === "") {
    throw new NotifyError(
      "internal",
      "GOV.UK Notify accepted the letter but sent back no notification id",
      201,
      false,
    );
  }
  return {
    id: value.id,
    reference: typeof value.reference === "string" ? value.reference : letter.reference,
    postage: typeof value.postage === "string" ? value.postage : (letter.postage ?? "second"),
  };
}

function notifyFailure(status: number, answer: unknown): NotifyError {
  const errors = (answer as { errors?: unknown } | undefined)?.errors;
  const messages = Array.isArray(errors)
    ? errors
        .map((entry: { error?: unknown; message?: unknown }) =>
          typeof entry?.message === "string" ? entry.message : undefined,
        )
        .filter((message): message is string => message !== undefined)
    : [];
  const said = messages.length > 0 ? messages.join("; ") : `HTTP ${status}`;
  if (status === 400)
    return new NotifyError("bad_input", `GOV.UK Notify refused the letter: ${said}`, status, false);
  if (status === 401 || status === 403) {
    return new NotifyError(
      "forbidden",
      `GOV.UK Notify refused POSTBAG_NOTIFY_API_KEY: ${said} (check the key is a live key of this service and the clock is right)`,
      status,
      false,
    );
  }
  if (status === 429)
    return new NotifyError("internal", `GOV.UK Notify's limit was reached: ${said}`, status, true);
  return new NotifyError("internal", `GOV.UK Notify failed (HTTP ${status}): ${said}`, status, status >= 500);
}
