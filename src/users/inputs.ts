import { PostbagError } from "../errors.ts";
import { ROLES, type Role } from "./add-user.ts";

// The checks of what a form sends, shared by the identity use cases. Each
// error names its field so the web form can show it next to that field.

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Emails are kept trimmed and in lower case, as add-user stores them. */
export function parseEmail(email: string): string {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address))
    throw new PostbagError("bad_input", `"${email}" is not an email address`, { field: "email" });
  return address;
}

export function parseRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw new PostbagError("bad_input", `the role must be one of ${ROLES.join(", ")}`, { field: "role" });
  return role as Role;
}
