import { PostbagError } from "../../errors.ts";

// Checks for what staff type into the directory's forms. Each error names its
// field, so the page can put the message beside the input.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A value that must not be blank, trimmed. */
export function requiredText(value: string | undefined, field: string, label: string): string {
  const text = (value ?? "").trim();
  if (!text) throw new PostbagError("bad_input", `enter ${label}`, { field });
  return text;
}

/** An email address, or empty: contacts may be written to by post only. */
export function optionalEmail(value: string | undefined, field = "email"): string {
  const text = (value ?? "").trim();
  if (text && !EMAIL.test(text)) {
    throw new PostbagError("bad_input", `"${text}" is not an email address, like name@example.org`, {
      field,
    });
  }
  return text;
}

/** A web address (http or https), or empty. */
export function optionalWebsite(value: string | undefined, field = "website"): string {
  const text = (value ?? "").trim();
  if (!text) return "";
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname.includes(".")) {
    throw new PostbagError("bad_input", `"${text}" is not a web address, like https://www.example.org`, {
      field,
    });
  }
  return text;
}
