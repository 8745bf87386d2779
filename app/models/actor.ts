import type { Role } from "./roles.ts";

/** Who makes a change, as every model command checks it: a user with their role, also for tools. */
export interface Actor {
  id: string;
  role: Role;
}
