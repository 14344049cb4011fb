import type { Adapters, Offered, OfferedWithoutOptions } from "../composition/adapters.ts";
import type { addUser } from "./add-user.ts";
import type { signIn } from "./sign-in.ts";
import type { createApiToken } from "./create-api-token.ts";
import type { findTokenUser } from "./find-token-user.ts";
import type { revokeApiToken } from "./revoke-api-token.ts";
import type { listUsers } from "./list-users.ts";
import type { changeRole } from "./change-role.ts";
import type { changePassword } from "./change-password.ts";
import type { setUserDisabled } from "./set-user-disabled.ts";
import type { ensureAdmin } from "./ensure-admin.ts";
import type * as sessions from "./sessions.ts";
import type * as tokens from "./list-api-tokens.ts";

/** Users, sessions and API tokens: who may do what. */
export interface UsersSlice {
  addUser: Offered<typeof addUser>;
  /** The first admin (POSTBAG_ADMIN_EMAIL), made on first start; null when there is one already. */
  ensureAdmin(): Promise<Awaited<ReturnType<typeof ensureAdmin>>>;
  signIn: Offered<typeof signIn>;
  findSessionUser: Offered<typeof sessions.findSessionUser>;
  signOut: Offered<typeof sessions.signOut>;
  createApiToken: Offered<typeof createApiToken>;
  findTokenUser: Offered<typeof findTokenUser>;
  listApiTokens: Offered<typeof tokens.listApiTokens>;
  listAllApiTokens: OfferedWithoutOptions<typeof tokens.listAllApiTokens>;
  revokeApiToken: Offered<typeof revokeApiToken>;
  listUsers: OfferedWithoutOptions<typeof listUsers>;
  changeRole: Offered<typeof changeRole>;
  changePassword: Offered<typeof changePassword>;
  setUserDisabled: Offered<typeof setUserDisabled>;
}

export function usersSlice({ config, database }: Adapters): UsersSlice {
  const store = { database };
  return {
    addUser: async (options) => (await import("./add-user.ts")).addUser(options, store),
    ensureAdmin: async () => (await import("./ensure-admin.ts")).ensureAdmin(config.admin, store),
    signIn: async (options) => (await import("./sign-in.ts")).signIn(options, store),
    findSessionUser: async (options) => (await import("./sessions.ts")).findSessionUser(options, store),
    signOut: async (options) => (await import("./sessions.ts")).signOut(options, store),
    createApiToken: async (options) => (await import("./create-api-token.ts")).createApiToken(options, store),
    findTokenUser: async (options) => (await import("./find-token-user.ts")).findTokenUser(options, store),
    listApiTokens: async (options) => (await import("./list-api-tokens.ts")).listApiTokens(options, store),
    listAllApiTokens: async () => (await import("./list-api-tokens.ts")).listAllApiTokens(store),
    revokeApiToken: async (options) => (await import("./revoke-api-token.ts")).revokeApiToken(options, store),
    listUsers: async () => (await import("./list-users.ts")).listUsers(store),
    changeRole: async (options) => (await import("./change-role.ts")).changeRole(options, store),
    changePassword: async (options) => (await import("./change-password.ts")).changePassword(options, store),
    setUserDisabled: async (options) =>
      (await import("./set-user-disabled.ts")).setUserDisabled(options, store),
  };
}
