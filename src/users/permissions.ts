import type { Role } from "./add-user.ts";

// What each role may do. Roles are not a ladder: an approver approves but does
// not edit, so the person who writes a letter is not the one who signs it off;
// an admin may do everything.
export const PERMISSIONS = ["read", "write", "approve", "admin"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ["read"],
  editor: ["read", "write"],
  approver: ["read", "approve"],
  admin: ["read", "write", "approve", "admin"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
