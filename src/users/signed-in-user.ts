import type { Role } from "./add-user.ts";

/** Who a session or API token belongs to: what the edges need to authorise a request. */
export interface SignedInUser {
  id: number;
  email: string;
  role: Role;
}
