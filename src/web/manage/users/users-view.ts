import { ROLES } from "../../../users/add-user.ts";
import type { UserSummary } from "../../../users/list-users.ts";

const ROLE_HINTS: Record<string, string> = {
  admin: "Can do everything, including adding users and changing their roles",
  editor: "Can edit campaigns and letters, and record letters as sent and their replies",
  approver: "Can approve letters to be sent, but not edit them",
  viewer: "Can see campaigns and letters, but not change them",
};

const label = (role: string) => role.charAt(0).toUpperCase() + role.slice(1);

/** Each user's row: its change-role field's id (role-1, role-2, …) and options, their role chosen. */
export function userRows(users: UserSummary[]) {
  return users.map((user, index) => ({
    ...user,
    roleLabel: label(user.role),
    fieldId: `role-${index + 1}`,
    roleOptions: ROLES.map((role) => ({ value: role, text: label(role), selected: role === user.role })),
  }));
}

/** The add form's role radios, with what each role may do. */
export function roleRadios(chosen: string | undefined) {
  return ROLES.map((role) => ({
    value: role,
    text: label(role),
    hint: { text: ROLE_HINTS[role] ?? "" },
    checked: role === chosen,
  }));
}
