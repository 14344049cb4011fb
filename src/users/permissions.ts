import type { Role } from "./add-user.ts";

// What each role may do. Roles are not a ladder: an approver approves but does
// not edit, so the person who writes a letter is not the one who signs it off;
// publishing, like approval, is a decision, so it is the approver's; an admin
// may do everything.
export const PERMISSIONS = ["read", "write", "approve", "publish", "admin"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ["read"],
  editor: ["read", "write"],
  approver: ["read", "approve", "publish"],
  admin: ["read", "write", "approve", "publish", "admin"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
