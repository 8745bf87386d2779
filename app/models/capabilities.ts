import type { Role } from "./roles.ts";

/**
 * Who may do what: the single table the server checks (requireCapability) and the UI reads.
 * Roles build on each other: agent < engineer < comms < admin.
 */
export const capabilityRoles = {
  /** Read internal articles and internal notes, use staff search. */
  "article:read-internal": ["agent", "engineer", "comms", "admin"],
  /** Log "another customer affected" on an incident. */
  "report:log": ["agent", "engineer", "comms", "admin"],
  /** Create and edit articles and incidents (body, title, tags, kind). */
  "article:write": ["engineer", "comms", "admin"],
  /** Make an article public or internal again. */
  "article:publish": ["comms", "admin"],
  /** Edit the customer-facing statement of an incident. */
  "incident:edit-statement": ["comms", "admin"],
  /** Download an incident's customer reports (CSV, with agent names). */
  "report:export": ["comms", "admin"],
  /** Add services to the list incidents choose their affected services from. */
  "service:manage": ["admin"],
  /** Edit the glossary of equivalent terms that search treats as synonyms. */
  "glossary:manage": ["admin"],
  /** Create users, change roles, deactivate accounts. */
  "user:manage": ["admin"],
  /** Issue and revoke API tokens. */
  "token:manage": ["admin"],
  /** Read the audit log. */
  "audit:read": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilityRoles;

export const capabilities = Object.keys(capabilityRoles) as Capability[];

/** Returns whether the role holds the capability. */
export function can(role: Role, capability: Capability): boolean {
  return (capabilityRoles[capability] as readonly Role[]).includes(role);
}

/** Every capability the role holds (sent to the UI to show or hide controls). */
export function capabilitiesOf(role: Role): Capability[] {
  return capabilities.filter((capability) => can(role, capability));
}
